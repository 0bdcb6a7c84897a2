import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleFolder } from '../../bench/rules-check.js';
import { checkRuleSet, loadRuleSet } from '../../src/rules/load/index.js';
import { BROKEN_RULES } from './samples.js';

// checkRuleSet (recflow rules check) takes each file through every stage before the next
// (src/rules/load/check-files.ts); loadRuleSet runs each stage over all files. Both must
// report the same errors in the same order, and the same rules as fine.

let dir: string;
beforeAll(async () => {
  dir = await ruleFolder(60);
  const names = (await readdir(dir)).filter((n) => n.startsWith('rule-')).sort();
  const edit = async (i: number, change: (text: string) => string) => {
    const file = path.join(dir, names[i]!);
    await writeFile(file, change(await readFile(file, 'utf8')));
  };
  await edit(3, (t) => t.replace(/^id: .*$/m, 'id: generated-rule-40')); // a duplicate of a later rule
  await edit(41, (t) => t.replace(/^id: .*$/m, 'id: generated-rule-0')); // and of an earlier one
  await edit(42, (t) => t.replace(/^id: .*$/m, 'id: generated-rule-0')); // a third with that id
  await edit(7, (t) => t.replace('template: contract\n', 'template: contrct\n'));
  await edit(8, (t) => t.replace(/^id: .*$/m, 'id: generated-rule-9').replace('to: paid', 'to: payed')); // duplicate and own error
  await edit(12, (t) => t.replace('\n  event:', '\n   event:'));
  await edit(20, (t) => t.replace(/mode: \w+/, 'mode: sometimes'));
  await edit(33, (t) => t.replace(/if: ".*"/, 'if: "opportunity.amont > 3"'));
  await edit(50, () => '');
  for (const [i, text] of Object.values(BROKEN_RULES).entries()) await writeFile(path.join(dir, `rule-9${String(i).padStart(3, '0')}.yaml`), text);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rules check, file by file', () => {
  it('reports what the stages over all files report', async () => {
    const checked = await checkRuleSet({ dir });
    const loaded = await loadRuleSet({ dir, hash: false });
    expect(checked.errors.length).toBeGreaterThan(30);
    expect(checked.errors).toEqual(loaded.errors);
    expect(checked.rules).toBe(loaded.rules.length);
    expect(checked.files).toBe(loaded.files);
  });

  it('reports the same for given files, one of them twice', async () => {
    const files = ['rule-0003.yaml', 'rule-0040.yaml', 'rule-0003.yaml', 'rule-0007.yaml'].map((n) => path.join(dir, n));
    const checked = await checkRuleSet({ dir, files });
    const loaded = await loadRuleSet({ dir, files, hash: false });
    expect(checked.errors.map((e) => e.code)).toContain('duplicateId');
    expect(checked.errors).toEqual(loaded.errors);
    expect(checked.rules).toBe(loaded.rules.length);
  });
});
