import { findFact, valuePath, type Fact } from '../facts.js';
import { parseMoney } from '../words.js';
import { OPERATORS, type Comparison, type Literal, type Operator } from './types.js';

export interface ConditionProblem {
  message: string;
  fix: string;
  /** The unknown fact, for a nearest-name hint. */
  unknownFact?: string;
}

const SHAPE = new RegExp(`^\\s*([A-Za-z][\\w.]*)\\s+(${OPERATORS.join('|')})\\s+(.+?)\\s*$`);

/**
 * Parses `<fact> <op> <value>`. Values: EUR 40.00, 3, won, "two words", true, [a, b].
 * @example parseComparison('opportunity.amount >= EUR 100.00')
 */
export function parseComparison(text: string): Comparison | ConditionProblem {
  const m = SHAPE.exec(text);
  if (!m) {
    return {
      message: `"${text}" is not a comparison`,
      fix: `write <fact> <op> <value> with spaces around the operator (${OPERATORS.join(' ')}), e.g. opportunity.amount >= EUR 100.00`,
    };
  }
  const [, name, op, raw] = m as unknown as [string, string, Operator, string];
  const fact = findFact(name);
  if (!fact) return { message: `unknown fact "${name}"`, fix: 'use one of the facts listed in docs/rules.md', unknownFact: name };
  if (!fact.available) {
    return { message: `the fact "${name}" is declared but not available yet`, fix: 'it comes with a later feature (dunning); leave the condition out for now' };
  }
  const value = parseLiteral(raw);
  if ('message' in value) return value;
  const problem = typeProblem(fact, op, value);
  if (problem) return problem;
  return { fact: name, ...valuePath(fact), op, value, text: text.trim() };
}

function parseLiteral(raw: string): Literal | ConditionProblem {
  const text = raw.trim();
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) return { message: `the list ${text} is not closed`, fix: 'end the list with ]' };
    const items = text.slice(1, -1).split(',').map((s) => s.trim()).filter(Boolean).map(parseLiteral);
    const bad = items.find((i): i is ConditionProblem => 'message' in i);
    return bad ?? { kind: 'list', items: items as Literal[] };
  }
  if (/^(["']).*\1$/.test(text)) return { kind: 'string', value: text.slice(1, -1) };
  if (/^[A-Z]{3} -?\d/.test(text)) {
    const money = parseMoney(text);
    return 'error' in money ? { message: money.error, fix: 'write e.g. EUR 40.00' } : { kind: 'money', ...money };
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 'number', value: Number(text) };
  if (text === 'true' || text === 'false') return { kind: 'boolean', value: text === 'true' };
  if (/\s/.test(text)) return { message: `the value "${text}" has spaces`, fix: `put it in quotes: "${text}"` };
  return { kind: 'string', value: text };
}

function typeProblem(fact: Fact, op: Operator, value: Literal): ConditionProblem | undefined {
  const ordering = ['<', '<=', '>', '>='].includes(op);
  const isList = op === 'in' || op === 'not in';
  if (isList !== (value.kind === 'list')) {
    return isList
      ? { message: `"${op}" needs a list`, fix: `write e.g. ${fact.name} ${op} [a, b]` }
      : { message: `a list needs "in" or "not in", not "${op}"`, fix: `write ${fact.name} in [...]` };
  }
  if (fact.type === 'any') return undefined;
  if (fact.type === 'date') return { message: `${fact.name} is a date; dates cannot be compared yet`, fix: 'use wait until: for dates' };
  const kinds = value.kind === 'list' ? value.items.map((i) => i.kind) : [value.kind];
  const expected = fact.type === 'money' ? 'money' : fact.type === 'number' ? 'number' : 'string';
  if (kinds.some((k) => k !== expected)) {
    const example = expected === 'money' ? 'EUR 100.00' : expected === 'number' ? '2' : 'won';
    return { message: `${fact.name} is ${expected === 'money' ? 'an amount' : `a ${expected}`}`, fix: `compare it with a ${expected} value such as ${example}` };
  }
  if (ordering && expected === 'string') {
    return { message: `${fact.name} is text; "${op}" only compares numbers and amounts`, fix: 'use == or != or in' };
  }
  return undefined;
}
