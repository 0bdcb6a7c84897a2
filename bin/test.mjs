#!/usr/bin/env node
// Runs vitest and ends with the plain line "N passed, N failed" that CI reads,
// taken from vitest's JSON report (its own summary is not machine-read).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const report = path.join(root, '.data', 'test-report.json');
mkdirSync(path.dirname(report), { recursive: true });
rmSync(report, { force: true });

const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const child = spawn(process.execPath, [vitest, ...args], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed = r.numPassedTests;
    // A file that fails before any test runs (import or hook error) counts as one failure.
    const brokenFiles = r.testResults.filter(
      (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
    ).length;
    failed = r.numFailedTests + brokenFiles;
    skipped = r.numPendingTests + (r.numTodoTests ?? 0);
  } catch {
    failed = Math.max(failed, 1); // no report: vitest itself failed
  }
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  const exitCode = code === null ? 1 : code; // null: killed by a signal
  process.exit(exitCode || (failed > 0 ? 1 : 0));
});
