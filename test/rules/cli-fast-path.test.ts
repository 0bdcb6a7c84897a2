import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ruleFolder } from '../../bench/rules-check.js';
import { projectRoot } from '../../src/platform/config.js';

// `recflow rules check` runs from a bundle (bin/prebuilt.mjs) instead of through tsx. The
// bundle is a cache: it must follow every edit of its sources and say what the sources say.

const run = promisify(execFile);
const { freshBundle } = (await import(pathToFileURL(path.join(projectRoot, 'bin', 'prebuilt.mjs')).href)) as {
  freshBundle: (o: { root: string; entry: string; name: string; cacheDir?: string }) => Promise<{ file: string; built: boolean }>;
};
const temps: string[] = [];
afterAll(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

describe('the prebuilt bundle', () => {
  it('is rebuilt when a source it was built from changes, and only then', async () => {
    const root = await tempDir('recflow-prebuilt-');
    await mkdir(path.join(root, 'src'));
    await writeFile(path.join(root, 'src', 'main.ts'), "import { answer } from './answer.js';\nexport const value: number = answer;\nexport const url = import.meta.url;\n");
    await writeFile(path.join(root, 'src', 'answer.ts'), 'export const answer = 1;\n');
    const opts = { root, entry: 'src/main.ts', name: 'main', cacheDir: path.join(root, 'cache') };
    const load = async (file: string) => {
      const { value, url } = (await import(`${pathToFileURL(file).href}?t=${Date.now()}`)) as { value: number; url: string };
      return { value, url };
    };

    const first = await freshBundle(opts);
    expect(first.built).toBe(true);
    expect(await load(first.file)).toEqual({ value: 1, url: pathToFileURL(path.join(root, 'src', 'main.ts')).href });
    expect(await freshBundle(opts)).toEqual({ file: first.file, built: false });

    await writeFile(path.join(root, 'src', 'answer.ts'), 'export const answer = 2;\n');
    const edited = await freshBundle(opts);
    expect(edited.built).toBe(true);
    expect((await load(edited.file)).value).toBe(2);

    const earlier = new Date(Date.now() - 60_000); // a touch; a future mtime would look like an edit during the build
    await utimes(path.join(root, 'src', 'answer.ts'), earlier, earlier);
    expect((await freshBundle(opts)).built).toBe(true);

    await rm(opts.cacheDir, { recursive: true });
    expect((await freshBundle(opts)).built).toBe(true);
    expect((await freshBundle(opts)).built).toBe(false);
  });

  it('is not built from sources that do not build (recflow then runs them via tsx)', async () => {
    const root = await tempDir('recflow-prebuilt-');
    await mkdir(path.join(root, 'src'));
    await writeFile(path.join(root, 'src', 'main.ts'), 'export const broken = ;\n');
    await expect(freshBundle({ root, entry: 'src/main.ts', name: 'main', cacheDir: path.join(root, 'cache') })).rejects.toThrow();
  });
});

describe('recflow rules check via the bundle and via tsx', () => {
  const recflow = path.join(projectRoot, 'bin', 'recflow.mjs');
  const viaTsx = [path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(projectRoot, 'src', 'cli', 'index.ts')];
  const cli = async (args: string[], cwd: string) => {
    try {
      const { stdout, stderr } = await run(process.execPath, args, { cwd });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const { code, stdout, stderr } = e as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    }
  };
  const same = (out: { code: number; stdout: string; stderr: string }) => ({ ...out, stdout: out.stdout.replace(/\(\d+ ms\)/, '(… ms)') });

  it('says the same about files with errors, as text and as JSON', async () => {
    const dir = await ruleFolder(20);
    temps.push(dir);
    await writeFile(path.join(dir, 'rule-0003.yaml'), (await readFile(path.join(dir, 'rule-0003.yaml'), 'utf8')).replace('mode: restart', 'mode: sometimes'));
    await writeFile(path.join(dir, 'rule-0007.yaml'), 'id: broken\nwhen: { event: nope }\nsteps:\n  - action: send-email\n    template: missing\n');
    await writeFile(path.join(dir, 'rule-0011.yaml'), 'id: [unclosed\n');
    for (const args of [['rules', 'check', dir], ['rules', 'check', dir, '--json'], ['rules', 'check', path.join(dir, 'rule-0007.yaml')]]) {
      const fast = await cli([recflow, ...args], dir);
      expect(fast.code).toBe(1);
      expect(fast.stdout).toContain('rule-0007.yaml');
      expect(same(fast)).toEqual(same(await cli([...viaTsx, ...args], dir)));
    }
  }, 60_000);

  it('checks RULES_DIR of the project by default, from any folder', async () => {
    const elsewhere = await tempDir('recflow-cwd-');
    const fast = await cli([recflow, 'rules', 'check'], elsewhere);
    expect(fast.code).toBe(0);
    expect(fast.stdout).toMatch(/✔ \d+ rule\(s\) OK/);
    expect(same(fast)).toEqual(same(await cli([...viaTsx, 'rules', 'check'], elsewhere)));
  }, 60_000);
});
