import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/domain/money.js';

describe('formatMoney', () => {
  it.each([
    [123456, 'EUR', 'EUR 1,234.56'],
    [5, 'EUR', 'EUR 0.05'],
    [0, 'RON', 'RON 0.00'],
    [-120000, 'PLN', '-PLN 1,200.00'],
    [1500, 'JPY', 'JPY 1,500'],
    [1234567, 'KWD', 'KWD 1,234.567'],
  ])('%i %s → %s', (minor, currency, text) => {
    expect(formatMoney(minor, currency)).toBe(text);
  });

  it('rejects fractional minor units', () => {
    expect(() => formatMoney(10.5, 'EUR')).toThrow(/integer of minor units/);
  });
});
