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

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };
