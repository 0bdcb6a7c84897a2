import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/conditions/evaluate.js';
import { parseComparison } from '../../src/rules/conditions/parse.js';
import type { CompiledCondition } from '../../src/rules/conditions/types.js';

const facts = {
  opportunity: { amountMinor: 120000, currency: 'RON', status: 'won', custom: { seats: 2, vip: true } },
  customer: { language: 'ro', name: 'Ana Popescu' },
};

const c = (text: string): CompiledCondition => {
  const parsed = parseComparison(text);
  if ('message' in parsed) throw new Error(parsed.message);
  return parsed;
};

describe('conditions: parse and evaluate', () => {
  it.each([
    ['opportunity.amount >= RON 1,200.00', true],
    ['opportunity.amount > RON 1,200.00', false],
    ['opportunity.amount < EUR 1,000,000.00', false], // another currency never compares
    ['opportunity.amount == RON 1200', true],
    ['opportunity.currency == RON', true],
    ['opportunity.status in [won, paid]', true],
    ['opportunity.status not in [won, paid]', false],
    ['customer.language != de', true],
    ['customer.name == "Ana Popescu"', true],
    ['opportunity.custom.seats > 1', true],
    ['opportunity.custom.vip == true', true],
    ['opportunity.custom.missing == 1', false],
    ['opportunity.custom.missing != 1', true],
  ])('%s → %s', (text, expected) => expect(evaluate(c(text), facts)).toBe(expected));

  it('combines with all, any, not', () => {
    const cond: CompiledCondition = {
      all: [c('customer.language == ro'), { any: [c('opportunity.status == lost'), { not: c('opportunity.custom.seats < 2') }] }],
    };
    expect(evaluate(cond, facts)).toBe(true);
    expect(evaluate({ any: [c('customer.language == de'), c('opportunity.status == lost')] }, facts)).toBe(false);
  });

  it.each([
    ['amount >= EUR 1', 'unknown fact "amount"'],
    ['opportunity.amount>=EUR 1', '"opportunity.amount>=EUR 1" is not a comparison'],
    ['opportunity.amount >= 100', 'opportunity.amount is an amount'],
    ['opportunity.title > abc', 'opportunity.title is text; ">" only compares numbers and amounts'],
    ['opportunity.status in won', '"in" needs a list'],
    ['opportunity.status == [won]', 'a list needs "in" or "not in", not "=="'],
    ['customer.name == Ana Popescu', 'the value "Ana Popescu" has spaces'],
    ['opportunity.amount > EUR 1.001', 'EUR has 2 decimal places; "EUR 1.001" has 3'],
  ])('rejects %s', (text, message) => expect(parseComparison(text)).toMatchObject({ message }));
});
