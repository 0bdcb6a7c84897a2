// `recflow payments …` as a child process on a real SQLite file: the guided mapping with
// answers on stdin (saved as a template file), a later import naming the template, the
// review list, undo and allocate.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db.js';
import { testDatabase } from '../invoicing/support.js';
import { receivablesTenant } from './support.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('recflow payments (CLI)', () => {
  let db: Db;
  let url: string;
  let cleanup: () => Promise<void>;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recflow-payments-cli-'));
  beforeAll(async () => ({ db, url, cleanup } = await testDatabase('sqlite')));
  afterAll(async () => {
    await cleanup?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const recflow = (args: string[], stdin = '') =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, 'bin/recflow.mjs'), 'payments', ...args], {
        cwd: root, env: { ...process.env, DATABASE_URL: url, RECFLOW_DATA_DIR: dataDir, USER: 'ana' }, stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });

  it('asks the mapping the first time, saves it, imports; later imports name the template; review, undo, allocate', async () => {
    const t = await receivablesTenant(db);
    const slug = ['--tenant', t.tenant.slug];
    // Enter keeps a guess; the currency column is not guessed ("Whg"), so it is answered: 6.
    const answers = ['', '', '', '', '', '', '', '6', '', '', '', 'meine-bank', ''].join('\n');
    const first = await recflow(['import', fixture('dialog.csv'), ...slug], answers);
    expect(first.stderr).not.toMatch(/error/);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('│ Kontoauszug 03/2026;;;;;');
    expect(first.stdout).toMatch(/Lines before the header row \[1\]: /);
    expect(first.stdout).toMatch(/Column with the amount .*\[5\]: /);
    expect(first.stdout).toMatch(/Column with the currency \("-" for none\) \[-\]: 6/);
    expect(first.stdout).toMatch(/saved mapping template "meine-bank"/);
    expect(first.stdout).toMatch(/matched 0 · split 1 · partial 0 · overpaid 0 · to review 1 · duplicate 0 · ignored 0/);
    expect(first.stdout).toMatch(/review: currency mismatch: the payment is in EUR, INV-2026-0005 is in RON/);
    expect(first.stderr).toMatch(/reading dialog.csv\nmatching 2 lines\nwriting \d+ rows\ndone in/);
    const yaml = readFileSync(path.join(dataDir, 'mappings', t.tenant.slug, 'meine-bank.yaml'), 'utf8');
    expect(yaml).toMatch(/^name: meine-bank$/m);
    expect(yaml).toMatch(/^skipLines: 1 +# lines before the header row$/m);
    expect(yaml).toMatch(/^ {2}currency: Whg$/m);

    const second = await recflow(['import', fixture('dialog-2.csv'), '--template', 'meine-bank', ...slug]);
    expect(second.stdout).toMatch(/matched 1 · split 0/);
    expect(second.stdout).toMatch(/nothing to review/);
    const again = await recflow(['import', fixture('dialog-2.csv'), '--template', 'meine-bank', ...slug]);
    expect([again.code, again.stderr]).toEqual([1, expect.stringMatching(/^error: dialog-2.csv was already imported/)]);

    // On a terminal (script(1) gives the child one), stderr shows a progress bar instead of lines.
    const cmd = [process.execPath, path.join(root, 'bin/recflow.mjs'), 'payments', 'import', fixture('dialog-3.csv'), '--template', 'meine-bank', ...slug].map((a) => `'${a}'`).join(' ');
    const tty = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qefc', cmd, '/dev/null'], { cwd: root, env: { ...process.env, DATABASE_URL: url, RECFLOW_DATA_DIR: dataDir } });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    expect(tty).toContain(`\rwrite  [${'#'.repeat(30)}]`);
    expect(tty).not.toContain('matching 1 lines');
    expect(tty).toMatch(/matched 1 · split 0/);

    const payment = await db.payment.findFirstOrThrow({ where: { tenantId: t.tenant.id, invoiceId: t.inv['0001']!.id } });
    const undo = await recflow(['undo', payment.id, ...slug]);
    expect(undo.stdout).toMatch(/the invoice is issued now/);
    expect(undo.stdout).toMatch(/review: EUR 1,000.00 to INV-2026-0001 undone by cli:ana · unallocated EUR 1,000.00/);
    const review = await recflow(['review', ...slug]);
    expect(review.stdout).toMatch(/to review \(2\)/);
    const allocate = await recflow(['allocate', payment.transactionId!, 'INV-2026-0001', '400.00', ...slug]);
    expect(allocate.stdout).toMatch(/allocated: .*\n.*review: EUR 600.00 still unallocated · unallocated EUR 600.00 · to INV-2026-0002 EUR 785.00 .*INV-2026-0001 EUR 400.00/);
    expect(await db.invoice.findUniqueOrThrow({ where: { id: t.inv['0001']!.id } })).toMatchObject({ status: 'partially_paid', paidMinor: 40_000n });

    const noAnswers = await recflow(['import', fixture('march.csv'), ...slug]);
    expect([noAnswers.code, noAnswers.stderr]).toEqual([1, expect.stringMatching(/no answer to "Encoding .*" \(input ended\); name a template with --template/)]);
    expect(await db.bankImport.count({ where: { tenantId: t.tenant.id } })).toBe(3);
  });
});
