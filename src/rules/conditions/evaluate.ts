import { readPath } from '../facts.js';
import type { CompiledCondition, Comparison, Literal } from './types.js';

/**
 * Evaluates a compiled condition against the facts of a run. Pure and deterministic,
 * so the workflow runs it directly. A missing fact makes a comparison false (`!=` and
 * `not in` true), and amounts in different currencies never compare as equal or ordered.
 * @example evaluate({ all: [] }, {}) // true
 */
export function evaluate(condition: CompiledCondition, facts: unknown): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, facts));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, facts));
  if ('not' in condition) return !evaluate(condition.not, facts);
  return compare(condition, facts);
}

function compare(c: Comparison, facts: unknown): boolean {
  const actual = readPath(facts, c.path);
  const currency = c.currencyPath ? readPath(facts, c.currencyPath) : undefined;
  const negated = c.op === '!=' || c.op === 'not in';
  if (actual === undefined || actual === null) return negated;
  const matches = (lit: Literal): boolean => equals(actual, currency, lit);
  switch (c.op) {
    case '==':
      return matches(c.value);
    case '!=':
      return !matches(c.value);
    case 'in':
      return c.value.kind === 'list' && c.value.items.some(matches);
    case 'not in':
      return c.value.kind === 'list' && !c.value.items.some(matches);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const n = numberOf(c.value, currency);
      if (n === undefined || typeof actual !== 'number') return false;
      return c.op === '<' ? actual < n : c.op === '<=' ? actual <= n : c.op === '>' ? actual > n : actual >= n;
    }
  }
}

function numberOf(lit: Literal, currency: unknown): number | undefined {
  if (lit.kind === 'number') return lit.value;
  if (lit.kind === 'money') return lit.currency === currency ? lit.minor : undefined;
  return undefined;
}

function equals(actual: unknown, currency: unknown, lit: Literal): boolean {
  switch (lit.kind) {
    case 'money':
      return lit.currency === currency && actual === lit.minor;
    case 'number':
      return Number(actual) === lit.value;
    case 'boolean':
      return actual === lit.value;
    case 'string':
      return String(actual) === lit.value;
    case 'list':
      return false;
  }
}
