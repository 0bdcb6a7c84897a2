import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRule, loadRules, rulesFor } from '../../src/rules/sample-rule.js';
import { projectRoot } from '../../src/platform/config.js';

const valid = `id: won
when:
  event: opportunity/status-changed
  to: [won]
document:
  title: T
email:
  subject: S
  body: B
`;

describe('sample rule loader', () => {
  it('loads the shipped rules', async () => {
    const rules = await loadRules(path.join(projectRoot, 'rules'));
    expect(rules.map((r) => r.rule.id)).toContain('opportunity-won-confirmation');
  });

  it('hashes the content, so an edit gives a new version', () => {
    const a = compileRule('a.yaml', valid);
    const b = compileRule('a.yaml', valid.replace('title: T', 'title: U'));
    expect(a.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(a.hash).not.toBe(b.hash);
  });

  it('reports file:line:column for a wrong value', () => {
    const text = valid.replace('event: opportunity/status-changed', 'event: opportunity/status-chnaged');
    expect(() => compileRule('r.yaml', text)).toThrow(/^r\.yaml:3:10: when\.event: /);
  });

  it('reports file:line:column for broken YAML', () => {
    expect(() => compileRule('r.yaml', 'id: [x\n')).toThrow(/^r\.yaml:\d+:\d+: /);
  });

  it('fires only on the listed target status', () => {
    const rules = [compileRule('a.yaml', valid)];
    expect(rulesFor(rules, { type: 'opportunity/status-changed', to: 'won' })).toHaveLength(1);
    expect(rulesFor(rules, { type: 'opportunity/status-changed', to: 'lost' })).toHaveLength(0);
  });
});
