import type { z } from 'zod';
import type { RuleError } from '../errors.js';
import { nearest, suggestion } from '../nearest.js';
import { errorAt, type ParsedFile } from './parse.js';
import { descriptionAt, keysAt } from './shape-keys.js';

type Issue = z.core.$ZodIssue;

/**
 * Stage 2, schema: data → typed value. Contract: one error per zod issue, at the
 * position of the offending key or value, with a fix; no cross-file knowledge.
 */
export function validateShape<T extends z.ZodType>(p: ParsedFile, schema: T): { value?: z.output<T>; errors: RuleError[] } {
  const result = schema.safeParse(p.data);
  if (result.success) return { value: result.data, errors: [] };
  const errors = result.error.issues.flatMap((issue) => toErrors(p, schema, issue, []));
  return { errors: dedupe(errors) };
}

/**
 * Stage 2 for one file: the check generated from the schema (src/rules/schema/checks.generated.ts)
 * takes valid data; only data it declines loads the zod schema, whose issues say what is wrong.
 */
export async function checkShape<T extends z.ZodType>(p: ParsedFile, generated: (data: unknown) => z.output<T> | undefined, schema: () => Promise<T>): Promise<{ value?: z.output<T>; errors: RuleError[] }> {
  const value = generated(p.data);
  return value !== undefined ? { value, errors: [] } : validateShape(p, await schema());
}

function toErrors(p: ParsedFile, schema: z.ZodType, issue: Issue, prefix: PropertyKey[]): RuleError[] {
  const path = [...prefix, ...issue.path];
  const value = valueAt(p.data, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const allowed = keysAt(schema, p.data, path);
        const near = allowed && nearest(key, allowed);
        const fix = near ? `did you mean "${near}"?` : allowed ? `allowed here: ${allowed.join(', ')}` : 'remove it';
        return errorAt(p, [...path, key], 'unknownKey', `unknown key "${key}"`, fix, true);
      });
    case 'invalid_union': {
      if (issue.discriminator && issue.errors.length === 0 && 'options' in issue) {
        const options = (issue.options ?? []).map(String);
        const got = valueAt(p.data, path);
        const code = issue.discriminator === 'action' ? 'unknownAction' : issue.discriminator === 'event' ? 'unknownEvent' : 'schema';
        const message = got === undefined ? `"${issue.discriminator}" is missing` : `unknown ${issue.discriminator} "${String(got)}"`;
        return [errorAt(p, path, code, message, got === undefined ? `add ${issue.discriminator}: one of ${options.join(', ')}` : suggestion(String(got), options))];
      }
      const branch = bestBranch(issue.errors);
      if (!branch) return [errorAt(p, path, 'schema', 'this value matches none of the allowed forms', 'see docs/rules.md')];
      const stray = branch.every((i) => i.code === 'unrecognized_keys' || (i.code === 'invalid_type' && i.path.length === 1));
      if (stray && value && typeof value === 'object' && !Array.isArray(value)) {
        const allowed = unionKeys(issue.errors);
        const unknown = Object.keys(value).filter((k) => !allowed.includes(k));
        if (unknown.length > 0) {
          return unknown.map((k) => errorAt(p, [...path, k], 'unknownKey', `unknown key "${k}"`, suggestion(k, allowed), true));
        }
      }
      return branch.flatMap((i) => toErrors(p, schema, i, path));
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      return [errorAt(p, path, 'schema', `"${String(value)}" is not allowed here`, suggestion(String(value), options))];
    }
    case 'invalid_type': {
      const about = descriptionAt(schema, p.data, path);
      const hint = about ? ` — ${about}` : '';
      if (value === undefined) return [errorAt(p, path, 'schema', `"${String(path.at(-1))}" is missing`, `add ${String(path.at(-1))}: (${issue.expected})${hint}`)];
      return [errorAt(p, path, 'schema', `expected ${article(issue.expected)}, got ${describe(value)}`, `write ${article(issue.expected)} here${hint}`)];
    }
    case 'too_small':
      return [errorAt(p, path, 'schema', issue.origin === 'array' ? 'the list is empty' : issue.message, issue.origin === 'array' ? 'add at least one item' : 'write a larger value')];
    case 'invalid_format':
      return [errorAt(p, path, 'schema', `"${String(value)}" has the wrong form`, issue.message)];
    default:
      return [errorAt(p, path, 'schema', issue.message, 'see docs/rules.md for this key')];
  }
}

/** The union branch that got furthest: deepest issue path, then fewest issues. */
function bestBranch(branches: Issue[][]): Issue[] | undefined {
  const depth = (b: Issue[]) => Math.max(...b.map((i) => i.path.length));
  return [...branches].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
}

/** Keys the object branches of a union require (from their "missing" issues). */
function unionKeys(branches: Issue[][]): string[] {
  return branches.flatMap((b) => b.filter((i) => i.code === 'invalid_type' && i.path.length === 1).map((i) => String(i.path[0])));
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), data);
}

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
const describe = (v: unknown) => (Array.isArray(v) ? 'a list' : v === null ? 'nothing' : typeof v === 'object' ? 'a map' : `${typeof v} ${JSON.stringify(v)}`);

function dedupe(errors: RuleError[]): RuleError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(`${e.line}:${e.col}:${e.message}`) && !!seen.add(`${e.line}:${e.col}:${e.message}`));
}
