import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument, LineCounter } from 'yaml';
import { z } from 'zod';
import { EVENT_TYPES } from '../events/catalog.js';

/**
 * The thin first-thread rule format. The full rules language (issue 3) replaces this
 * module; what stays is the contract: a compiled, hashed snapshot travels with the run.
 */
const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
    description: z.string().optional(),
    when: z
      .object({
        event: z.enum(EVENT_TYPES),
        to: z.array(z.string()).optional(),
      })
      .strict(),
    document: z.object({ title: z.string() }).strict(),
    email: z.object({ subject: z.string(), body: z.string() }).strict(),
  })
  .strict();

export type SampleRule = z.infer<typeof ruleSchema>;
export interface CompiledRule {
  rule: SampleRule;
  /** Content hash of the rule as compiled; recorded by every run. */
  hash: string;
  file: string;
}

export class RuleFileError extends Error {}

export async function loadRules(dir: string): Promise<CompiledRule[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  const rules: CompiledRule[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    rules.push(compileRule(file, await readFile(file, 'utf8')));
  }
  return rules;
}

export function compileRule(file: string, text: string): CompiledRule {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = lineCounter.linePos(e.pos[0]);
    throw new RuleFileError(`${file}:${pos.line}:${pos.col}: ${e.message}`);
  }
  const parsed = ruleSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number] } | undefined;
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    throw new RuleFileError(`${file}:${pos.line}:${pos.col}: ${issue.path.join('.') || '(rule)'}: ${issue.message}`);
  }
  const hash = createHash('sha256').update(JSON.stringify(parsed.data)).digest('hex').slice(0, 16);
  return { rule: parsed.data, hash, file };
}

/** The rules an event fires, in file order. */
export function rulesFor(rules: CompiledRule[], event: { type: string; to?: string }): CompiledRule[] {
  return rules.filter(
    ({ rule }) => rule.when.event === event.type && (!rule.when.to || (event.to !== undefined && rule.when.to.includes(event.to))),
  );
}
