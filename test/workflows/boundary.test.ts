import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config.js';

// Workflow code only orchestrates: no I/O libraries, no Node built-ins, activities by type
// only. (The bundler rejects Node built-ins too, but only when a worker starts.)
const BANNED = [/^node:/, /^(fs|path|os|crypto|http|net|child_process)$/, /prisma/, /nodemailer/, /pdf-lib/, /^pg$/, /better-sqlite3/, /zod/, /^yaml$/];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)])));
  return nested.flat().filter((f) => f.endsWith('.ts'));
}

/** Runtime (non-type) imports of a file, resolved to paths for relative ones. */
function runtimeImports(file: string, text: string): string[] {
  const found = [...text.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
  return found.map((spec) => (spec.startsWith('.') ? path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts') : spec));
}

describe('the workflow boundary', () => {
  it('workflow code and what it imports use no I/O, no Node built-ins and no activity code', async () => {
    const queue = await filesUnder(path.join(projectRoot, 'workflows'));
    const seen = new Set<string>();
    const problems: string[] = [];
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const spec of runtimeImports(file, await readFile(file, 'utf8'))) {
        const where = path.relative(projectRoot, file);
        if (spec.startsWith('/')) {
          if (spec.includes(`${path.sep}activities${path.sep}`)) problems.push(`${where} imports activity code ${spec} (use import type)`);
          else queue.push(spec);
        } else if (BANNED.some((b) => b.test(spec))) problems.push(`${where} imports ${spec}`);
      }
    }
    expect(problems).toEqual([]);
    expect(seen.size).toBeGreaterThan(8);
  });
});
