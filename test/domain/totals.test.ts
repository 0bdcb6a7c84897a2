import { describe, expect, it } from 'vitest';
import { divRound, formatDecimal, formatMoney } from '../../src/domain/money.js';
import { formatQuantity, parseQuantity } from '../../src/domain/quantity.js';
import { invoiceTotals, lineTotals, negateLines } from '../../src/domain/totals.js';

describe('divRound (half away from zero)', () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [4n, 3n, 1n],
    [149n, 100n, 1n],
    [150n, 100n, 2n],
    [-150n, 100n, -2n],
  ])('%i / %i → %i', (n, d, q) => expect(divRound(n, d)).toBe(q));
});

describe('money text', () => {
  it.each([
    [-120050, 'RON', '-1200.50', '-RON 1,200.50'],
    [5, 'EUR', '0.05', 'EUR 0.05'],
    [1500, 'JPY', '1500', 'JPY 1,500'],
    [2_500_000_000_00, 'HUF', '2500000000.00', 'HUF 2,500,000,000.00'],
  ])('%i %s', (minor, cur, decimal, text) => {
    expect(formatDecimal(minor, cur)).toBe(decimal);
    expect(formatMoney(minor, cur)).toBe(text);
  });
});

describe('quantities in thousandths', () => {
  it.each([
    ['1', 1000, '1'],
    ['1.5', 1500, '1.5'],
    ['0.001', 1, '0.001'],
    ['-2.25', -2250, '-2.25'],
    [3, 3000, '3'],
  ] as const)('%s', (input, milli, text) => {
    expect(parseQuantity(input)).toBe(milli);
    expect(formatQuantity(milli)).toBe(text);
  });
  it.each(['1.2345', 'abc', '1,5', ''])('rejects %j', (bad) => expect(() => parseQuantity(bad)).toThrow(/decimal/));
  it('rejects a fractional number', () => expect(() => parseQuantity(1.5)).toThrow(/decimal string/));
});

describe('lineTotals: rounded per line', () => {
  it.each([
    // quantity, unit price, discount bp, tax bp → net, tax, gross
    [1000, 10000, 0, 1900, 10000, 1900, 11900],
    [1500, 1999, 0, 1900, 2999, 570, 3569], // 29.985 → 29.99
    [3000, 333, 0, 900, 999, 90, 1089], // 89.91 → 90
    [1000, 9999, 1000, 2300, 8999, 2070, 11069], // 10 % off 99.99 = 89.991 → 89.99
    [2000, 1250, 10000, 1900, 0, 0, 0], // 100 % discount
    [1000, 1000, 0, 0, 1000, 0, 1000], // exempt
    [-1000, 1999, 0, 1900, -1999, -380, -2379], // credit: -379.81 → -380, symmetric
    [1, 1, 0, 1900, 0, 0, 0], // a thousandth of a cent rounds to nothing
  ])('%i × %i, -%i bp, %i bp tax', (q, p, d, t, net, tax, gross) => {
    expect(lineTotals({ quantityMilli: q, unitPriceMinor: p, discountBp: d, taxRateBp: t })).toEqual({ netMinor: net, taxMinor: tax, grossMinor: gross });
  });

  it('keeps precision where floats would not (large quantity × price)', () => {
    expect(lineTotals({ quantityMilli: 123_456_789, unitPriceMinor: 987_654_321, taxRateBp: 0 }).netMinor).toBe(121_932_631_112_635);
  });
  it.each([-1, 10_001])('rejects discount %i bp', (d) => {
    expect(() => lineTotals({ quantityMilli: 1000, unitPriceMinor: 1, discountBp: d, taxRateBp: 0 })).toThrow(/discountBp/);
  });
});

describe('invoiceTotals: breakdown per rate reconciles to the cent', () => {
  const lines = [
    { quantityMilli: 1500, unitPriceMinor: 1999, taxRateBp: 1900 },
    { quantityMilli: 3000, unitPriceMinor: 333, taxRateBp: 900 },
    { quantityMilli: 1000, unitPriceMinor: 1, taxRateBp: 1900 },
    { quantityMilli: 1000, unitPriceMinor: 1, taxRateBp: 1900 },
    { quantityMilli: 1000, unitPriceMinor: 5000, taxRateBp: 0 },
  ];

  it('sums rounded lines per rate, highest rate first', () => {
    const t = invoiceTotals(lines);
    expect(t.taxBreakdown).toEqual([
      { taxRateBp: 1900, netMinor: 3001, taxMinor: 570, grossMinor: 3571 }, // 0.19 + 0.19 tax rounded to 0 each
      { taxRateBp: 900, netMinor: 999, taxMinor: 90, grossMinor: 1089 },
      { taxRateBp: 0, netMinor: 5000, taxMinor: 0, grossMinor: 5000 },
    ]);
    expect(t).toMatchObject({ netMinor: 9000, taxMinor: 660, grossMinor: 9660 });
  });

  it('reconciles for many random invoices', () => {
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 500; i++) {
      const ls = Array.from({ length: 1 + rnd(12) }, () => ({
        quantityMilli: 1 + rnd(50_000),
        unitPriceMinor: rnd(1_000_000),
        discountBp: rnd(3) === 0 ? rnd(5000) : 0,
        taxRateBp: [0, 500, 900, 1900, 2300][rnd(5)]!,
      }));
      const t = invoiceTotals(ls);
      const sum = (xs: { netMinor: number; taxMinor: number; grossMinor: number }[], k: 'netMinor' | 'taxMinor' | 'grossMinor') => xs.reduce((s, x) => s + x[k], 0);
      for (const k of ['netMinor', 'taxMinor', 'grossMinor'] as const) {
        expect(sum(t.taxBreakdown, k)).toBe(t[k]);
        expect(sum(t.lines, k)).toBe(t[k]);
      }
      expect(t.netMinor + t.taxMinor).toBe(t.grossMinor);
    }
  });

  it('negated lines give exactly the negated totals (storno)', () => {
    const t = invoiceTotals(lines);
    const s = invoiceTotals(negateLines(lines));
    expect([s.netMinor, s.taxMinor, s.grossMinor]).toEqual([-t.netMinor, -t.taxMinor, -t.grossMinor]);
  });
});
