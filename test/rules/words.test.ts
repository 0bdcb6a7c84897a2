import { describe, expect, it } from 'vitest';
import { addDuration, parseDuration, parseMoney } from '../../src/rules/words.js';

const DAY = 86_400_000;

describe('durations in plain words', () => {
  it.each([
    ['14d', { months: 0, ms: 14 * DAY }],
    ['2 weeks', { months: 0, ms: 14 * DAY }],
    ['1 week', { months: 0, ms: 7 * DAY }],
    ['1 month', { months: 1, ms: 0 }],
    ['3 months', { months: 3, ms: 0 }],
    ['36h', { months: 0, ms: 36 * 3_600_000 }],
    ['90 minutes', { months: 0, ms: 90 * 60_000 }],
    ['1 day', { months: 0, ms: DAY }],
  ])('%s', (text, expected) => expect(parseDuration(text)).toEqual(expected));

  it.each(['14', 'd', '2 fortnights', '5ms', '1.5d', '-3d'])('rejects %s', (text) => expect(parseDuration(text)).toBeUndefined());

  it('adds calendar months, clamped to the month end', () => {
    const jan31 = Date.UTC(2026, 0, 31, 9);
    expect(new Date(addDuration(jan31, { months: 1, ms: 0 })).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(new Date(addDuration(jan31, { months: 0, ms: DAY })).toISOString()).toBe('2026-02-01T09:00:00.000Z');
  });
});

describe('money in plain words', () => {
  it.each([
    ['EUR 40.00', { currency: 'EUR', minor: 4000 }],
    ['EUR 40', { currency: 'EUR', minor: 4000 }],
    ['RON 1,200.5', { currency: 'RON', minor: 120050 }],
    ['RON 1200.05', { currency: 'RON', minor: 120005 }],
    ['JPY 500', { currency: 'JPY', minor: 500 }],
    ['EUR -3.10', { currency: 'EUR', minor: -310 }],
  ])('%s', (text, expected) => expect(parseMoney(text)).toEqual(expected));

  it.each([
    ['EUR 40.001', 'EUR has 2 decimal places; "EUR 40.001" has 3'],
    ['JPY 5.5', 'JPY has 0 decimal places; "JPY 5.5" has 1'],
    ['40 EUR', '"40 EUR" is not an amount; write a currency code and a number, e.g. EUR 40.00'],
  ])('rejects %s', (text, error) => expect(parseMoney(text)).toEqual({ error }));
});
