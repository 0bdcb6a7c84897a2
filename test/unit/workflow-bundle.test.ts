import { mkdtemp, readdir, rm, stat, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedWorkflowBundle, workflowsEntry } from '../../src/platform/bundle.js';

describe('cachedWorkflowBundle', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('builds once, reuses the bundle while the sources stay, and builds anew after an edit', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'recflow-bundle-'));
    const first = await cachedWorkflowBundle(dir);
    const built = (await stat(first)).mtimeMs;
    expect(await cachedWorkflowBundle(dir)).toBe(first);
    expect((await stat(first)).mtimeMs).toBe(built); // not written again

    // An edit (here: a new mtime on the workflows' entry) names another bundle.
    const { atime, mtime } = await stat(workflowsEntry);
    try {
      await utimes(workflowsEntry, atime, new Date(mtime.getTime() + 1000));
      const second = await cachedWorkflowBundle(dir);
      expect(second).not.toBe(first);
      expect(await readdir(dir)).toEqual(expect.arrayContaining([path.basename(first), path.basename(second)]));
    } finally {
      await utimes(workflowsEntry, atime, mtime);
    }
    expect(await cachedWorkflowBundle(dir)).toBe(first);
  }, 120_000);
});
