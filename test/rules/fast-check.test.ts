import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ruleText } from '../../bench/rules-check.js';
import { projectRoot } from '../../src/platform/config.js';
import { checkPipelinesFile, checkRuleFile, checkTemplateFile } from '../../src/rules/schema/checks.generated.js';
import { GENERATED_FILE, generateChecks } from '../../src/rules/schema/compile-checks.js';
import { pipelinesFile } from '../../src/rules/schema/pipelines.js';
import { ruleFile } from '../../src/rules/schema/rule.js';
import { templateFile } from '../../src/rules/schema/template.js';
import { BROKEN_RULES } from './samples.js';

// Valid files skip zod: a check generated from the zod schemas takes them
// (src/rules/schema/checks.generated.ts). It must never pass what zod fails, and what it
// passes must be zod's very value; where it is unsure it must say so and leave it to zod.

type Check = (data: unknown) => unknown;

/** Agrees with zod on `data`; true when the generated check took it. */
function agrees(schema: z.ZodType, check: Check, data: unknown): boolean {
  const zod = schema.safeParse(data);
  const fast = check(data);
  const about = JSON.stringify(data);
  if (!zod.success) {
    expect(fast, `zod fails ${about}`).toBeUndefined();
    return false;
  }
  if (fast === undefined) return false;
  expect(fast, about).toStrictEqual(zod.data);
  expect(JSON.stringify(fast), `key order of ${about}`).toBe(JSON.stringify(zod.data));
  return true;
}

const yamlIn = (dir: string) =>
  readdirSync(path.join(projectRoot, dir))
    .filter((n) => n.endsWith('.yaml') && n !== 'pipelines.yaml')
    .map((n) => parse(readFileSync(path.join(projectRoot, dir, n), 'utf8')) as unknown);

const shippedRules = yamlIn('rules');
const generatedRules = Array.from({ length: 60 }, (_, i) => parse(ruleText(i)) as unknown);
const brokenRules = Object.values(BROKEN_RULES).flatMap((text) => {
  try {
    return [parse(text) as unknown];
  } catch {
    return []; // not YAML: never reaches a schema
  }
});
const webhook = parse('id: hook\nwhen: { event: manual }\nsteps:\n  - action: call-webhook\n    url: https://example.com/hook\n') as unknown;
const templates = yamlIn('rules/templates');
const pipelines = parse(readFileSync(path.join(projectRoot, 'rules', 'pipelines.yaml'), 'utf8')) as unknown;

describe('generated checks', () => {
  it('are generated from the zod schemas as they are now', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8'), 'run `npx tsx src/rules/schema/compile-checks.ts` and commit the result').toBe(generateChecks());
  });

  it('take every shipped and generated rule, template and the pipelines file, with zod\'s value', () => {
    expect(shippedRules.length).toBeGreaterThan(5);
    for (const data of [...shippedRules, ...generatedRules]) expect(agrees(ruleFile, checkRuleFile, data)).toBe(true);
    for (const data of templates) expect(agrees(templateFile, checkTemplateFile, data)).toBe(true);
    expect(agrees(pipelinesFile, checkPipelinesFile, pipelines)).toBe(true);
  });

  it('fail every broken sample that zod fails', () => {
    let failed = 0;
    for (const data of brokenRules) if (!ruleFile.safeParse(data).success) failed++, expect(agrees(ruleFile, checkRuleFile, data)).toBe(false);
    expect(failed).toBeGreaterThan(10);
  });

  it('leave a url to zod', () => {
    expect(ruleFile.safeParse(webhook).success).toBe(true);
    expect(checkRuleFile(webhook)).toBeUndefined();
  });

  it.each([
    ['rules', ruleFile, checkRuleFile, [...shippedRules, ...generatedRules, ...brokenRules, webhook]],
    ['templates', templateFile, checkTemplateFile, templates],
    ['pipelines', pipelinesFile, checkPipelinesFile, [pipelines]],
  ] as const)('agree with zod on 4,000 mutated %s', (_name, schema, check, seeds) => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let took = 0;
    let zodFailed = 0;
    for (let n = 0; n < 4000; n++) {
      let data = structuredClone(seeds[rand(seeds.length)]);
      for (let m = 0, count = 1 + rand(3); m < count; m++) data = mutate(data, rand);
      if (!schema.safeParse(data).success) zodFailed++;
      if (agrees(schema, check as Check, data)) took++;
    }
    // Both sides are exercised: many mutants pass, many fail.
    expect(took).toBeGreaterThan(400);
    expect(zodFailed).toBeGreaterThan(400);
  });
});

const VALUES: unknown[] = [
  null, 0, 1, 3, 31, 32, -1, 1.5, 2 ** 60, true, false, '', 'x', 'Bad Id', 'won', 'wonn', ['won'], [], {}, [{}],
  '14d', '2 weeks', '1 month', '36h', '2 fortnights', '09:00', '25:00', 'EUR 10.00', 'contact', ['contact', 'owner'], 'owner', 'proforma',
  'final', 'credit-note', 'stop', 'continue', 'POST', 'GET', 'https://example.com/x', 'ftp://example.com', 'not a url', 'parallel', 'single',
  'send-email', 'render-document', 'wait', 'wait-for-event', 'call-webhook', 'start-recurring', 'mark-paid', 'update-opportunity',
  'opportunity/status-changed', 'schedule', 'manual', 'invoice/overdue', 'dunning/level-reached', 'email', 'document',
  { all: ['opportunity.amount > EUR 1.00'] }, { any: [] }, { not: 'x' }, { not: { all: ['a', 'b'] } }, { all: 'x' },
  { subject: 's', body: 'b' }, { title: 't' }, { title: 't', lines: [{ label: 'a', value: 'b' }] }, { title: '', lines: [] },
  { a: 'b' }, { a: 1, b: true }, { a: [] }, ['a', ''], [1],
];
const KEYS = [
  'id', 'description', 'mode', 'when', 'if', 'steps', 'event', 'from', 'to', 'pipeline', 'kind', 'in', 'by', 'level', 'every', 'day', 'at', 'cron',
  'action', 'name', 'as', 'due-in', 'template', 'report', 'attach', 'draft', 'status', 'fields', 'service', 'reason', 'for', 'until', 'within',
  'then', 'otherwise', 'message', 'url', 'method', 'all', 'any', 'not', 'en', 'de', 'fr', 'subject', 'body', 'html', 'title', 'subtitle', 'lines',
  'label', 'value', 'footer', 'enrolment', 'x', 'constructor', 'toString',
];

/** One random edit somewhere in the data: a value replaced, a key added or removed, a list changed. */
function mutate(data: unknown, rand: (n: number) => number): unknown {
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (nodes.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) nodes.push({ parent: v as Record<string, unknown>, key: k }), walk(x);
  };
  walk(data);
  if (nodes.length === 0 || rand(20) === 0) return structuredClone(VALUES[rand(VALUES.length)]);
  const { parent, key } = nodes[rand(nodes.length)]!;
  const kind = rand(5);
  if (Array.isArray(parent)) {
    if (kind === 0) parent.splice(key as number, 1);
    else if (kind === 1) parent.push(structuredClone(parent[key as number]));
    else parent[key as number] = structuredClone(VALUES[rand(VALUES.length)]);
  } else if (kind === 0) delete parent[key];
  else if (kind === 1) parent[KEYS[rand(KEYS.length)]!] = structuredClone(VALUES[rand(VALUES.length)]);
  else if (kind === 2 && typeof parent[key] === 'string') parent[key] = `${parent[key] as string}${rand(2) ? 'x' : ''}`.slice(rand(2));
  else parent[key] = structuredClone(VALUES[rand(VALUES.length)]);
  return data;
}
