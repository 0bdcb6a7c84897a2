import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { projectRoot } from './config.js';

export const workflowsEntry = path.join(projectRoot, 'workflows', 'index.ts');

/**
 * Bundles the workflow code once (1.5–2 s, ~170 MB) so workers load a prebuilt file
 * instead of bundling on every start.
 */
export async function buildWorkflowBundle(outFile: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsEntry, logger: quietLogger });
  await mkdir(path.dirname(outFile), { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  await writeFile(tmp, code);
  await rename(tmp, outFile);
  return outFile;
}

/**
 * The workflow bundle for the sources as they are now, built only when they changed since
 * the last one. Its name is a hash of every file the bundle could include (workflows/,
 * src/, the lockfile) by path, size and mtime, so an edit anywhere means a new bundle.
 */
export async function cachedWorkflowBundle(dir: string, stamp = sourcesStamp()): Promise<string> {
  const name = `workflow-bundle-${stamp}.js`;
  const file = path.join(dir, name);
  if (existsSync(file)) return file;
  await buildWorkflowBundle(file);
  // Older bundles are dead weight; the two newest stay for a process that just chose one.
  const old = readdirSync(dir).filter((f) => /^workflow-bundle-[0-9a-f]{16}\.js$/.test(f) && f !== name);
  const byAge = old.map((f) => ({ f, t: statSync(path.join(dir, f)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { f } of byAge.slice(2)) rmSync(path.join(dir, f), { force: true });
  return file;
}

/** A hash of path, size and mtime of every file under workflows/ and src/ and of the lockfile. */
export function sourcesStamp(root = projectRoot): string {
  const hash = createHash('sha256');
  const add = (file: string) => {
    const s = statSync(file, { throwIfNoEntry: false });
    hash.update(`${path.relative(root, file)}\0${s?.size ?? -1}\0${Math.trunc(s?.mtimeMs ?? -1)}\n`);
  };
  for (const dir of ['workflows', 'src']) for (const file of filesUnder(path.join(root, dir))) add(file);
  add(path.join(root, 'package-lock.json'));
  return hash.digest('hex').slice(0, 16);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };
