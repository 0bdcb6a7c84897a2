import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedWorkflowBundle, sourcesStamp } from '../../src/platform/bundle.js';

describe('the workflow bundle cache', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'recflow-bundle-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('stamps the sources: the same while nothing changes, another after an edit, a touch or a new file', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, 'workflows'));
    await mkdir(path.join(root, 'src', 'rules'), { recursive: true });
    await writeFile(path.join(root, 'workflows', 'index.ts'), 'export {};\n');
    await writeFile(path.join(root, 'src', 'rules', 'words.ts'), 'export const a = 1;\n');
    await writeFile(path.join(root, 'package-lock.json'), '{}\n');
    const first = sourcesStamp(root);
    expect(sourcesStamp(root)).toBe(first);
    await writeFile(path.join(root, 'src', 'rules', 'words.ts'), 'export const a = 22;\n');
    const edited = sourcesStamp(root);
    expect(edited).not.toBe(first);
    const later = new Date(Date.now() + 5000);
    await utimes(path.join(root, 'workflows', 'index.ts'), later, later);
    const touched = sourcesStamp(root);
    expect(touched).not.toBe(edited);
    await writeFile(path.join(root, 'src', 'new.ts'), '');
    expect(sourcesStamp(root)).not.toBe(touched);
  });

  it('builds a bundle once per stamp and reuses it', async () => {
    const dir = await tempDir();
    const first = await cachedWorkflowBundle(dir, 'aaaaaaaaaaaaaaaa');
    const built = (await stat(first)).mtimeMs;
    expect(await cachedWorkflowBundle(dir, 'aaaaaaaaaaaaaaaa')).toBe(first);
    expect((await stat(first)).mtimeMs).toBe(built); // not written again
    const second = await cachedWorkflowBundle(dir, 'bbbbbbbbbbbbbbbb');
    expect(second).not.toBe(first);
    expect((await readdir(dir)).sort()).toEqual([path.basename(first), path.basename(second)]);
  }, 120_000);
});
