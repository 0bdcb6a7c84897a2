import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config.js';
import { renderError } from '../../src/rules/errors.js';
import type { RuleContext } from '../../src/rules/load/cross-check.js';
import { compileRuleTexts } from '../../src/rules/load/index.js';
import { loadTemplates } from '../../src/rules/load/templates.js';
import { BROKEN_RULES as CASES, head } from './samples.js';

// Every message a business owner can get, pinned: changing one is a visible decision.
let ctx: RuleContext;
beforeAll(async () => {
  const { templates } = await loadTemplates(path.join(projectRoot, 'rules', 'templates'), (f) => path.basename(f));
  ctx = { templates, pipelines: { enrolment: ['new', 'enrolled', 'won', 'paid', 'lost'], sales: ['new', 'won', 'lost'] } };
});

const check = (text: string) => compileRuleTexts([{ file: 'r.yaml', text }], ctx).errors.map(renderError).join('\n');

describe('rule error messages', () => {
  it.each(Object.entries(CASES))('%s', (_name, text) => {
    const out = check(text);
    expect(out).toMatch(/^✖ /);
    expect(out).toMatchSnapshot();
  });

  it('reports a duplicate id with where the first one is', () => {
    const text = 'id: same\nwhen: { event: manual }\nsteps: [{ action: stop }]\n';
    const { errors } = compileRuleTexts([{ file: 'a.yaml', text }, { file: 'b.yaml', text }], ctx);
    expect(errors.map(renderError)).toEqual([
      '✖ id: rule id "same" is already used by a.yaml:1 → at b.yaml:1:5\n    fix: give one of the two rules another id',
    ]);
  });

  it('reports an alias to an anchor that is not set where the alias is, and the other files still load', () => {
    const broken = `${head}steps:\n  - action: notify-owner\n    template: *notice\n`;
    const fine = `${head.replace(/^id: .*$/m, 'id: fine')}steps: [{ action: stop }]\n`;
    const { errors, rules } = compileRuleTexts([{ file: 'a.yaml', text: broken }, { file: 'b.yaml', text: fine }], ctx);
    expect(errors.map(renderError)).toEqual([
      `✖ Unresolved alias (the anchor must be set before the alias): notice → at a.yaml:${head.split('\n').length + 2}:15\n    fix: set the anchor (&name) before the alias (*name) that uses it, or write the value out`,
    ]);
    expect(rules.map((r) => r.id)).toEqual(['fine']);
  });

  it('hashes the content: an edit gives a new version, a comment does not', () => {
    const text = `${head}steps: [{ action: stop }]\n`;
    const hash = (t: string) => compileRuleTexts([{ file: 'r.yaml', text: t }], ctx).rules[0]!.hash;
    expect(hash(text)).toMatch(/^[0-9a-f]{16}$/);
    expect(hash(`# a comment\n${text}`)).toBe(hash(text));
    expect(hash(text.replace('stop }', 'stop, reason: done }'))).not.toBe(hash(text));
  });
});

describe('template errors', () => {
  it('names unknown placeholders with their position; available ones pass', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'recflow-templates-'));
    try {
      await writeFile(path.join(dir, 'm.yaml'), 'kind: email\nen:\n  subject: "Hi {{customer.nmae}}"\n  body: "Sent {{invoice.remindersSent}}"\nfr:\n  subject: x\n  body: y\n');
      const { errors } = await loadTemplates(dir, (f) => path.basename(f));
      expect(errors.map(renderError)).toEqual([
        '✖ fr: unknown key "fr" → at m.yaml:5:1\n    fix: allowed here: kind, description, en, de, pl, ro',
      ]);
      await writeFile(path.join(dir, 'm.yaml'), 'kind: email\nen:\n  subject: "Hi {{customer.nmae}}"\n  body: "Sent {{invoice.remindersSent}}"\n');
      expect((await loadTemplates(dir, (f) => path.basename(f))).errors.map(renderError)).toEqual([
        '✖ en.subject: {{customer.nmae}} names no fact → at m.yaml:3:12\n    fix: did you mean {{customer.name}}?',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
