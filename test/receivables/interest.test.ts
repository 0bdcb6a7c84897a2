import { describe, expect, it } from 'vitest';
import { accrueInterest } from '../../src/receivables/interest/accrue.js';
import { settleClaim, type Claim } from '../../src/receivables/interest/claim.js';
import { reminderCosts } from '../../src/receivables/interest/fees.js';
import { DE_BASE_RATES, statutoryMarginBp, type BaseRateTable } from '../../src/receivables/interest/rates.js';

const TEN_PERCENT: BaseRateTable = { periods: [{ from: '2020-01-01', rateBp: 1000 }], knownUntil: '2030-12-31' };

describe('statutory default interest, day-exact, rounded half away from zero once', () => {
  it.each([
    // 100,000.00 ct × (2.27 % + 9) × 60/365 = 1,852.60 ct
    ['business, 60 days in one period', 100000, '2025-01-15', '2025-03-16', statutoryMarginBp('business'), DE_BASE_RATES, 1853],
    // 10 days at 2.27 + 5 and 10 days at 1.27 + 5: 100000 × (727·10 + 627·10) / 3,650,000 = 370.96
    ['consumer, across the 1 July rate change', 100000, '2025-06-20', '2025-07-10', statutoryMarginBp('consumer'), DE_BASE_RATES, 371],
    // 1,000,000 × 10 % × (10/365 + 10/366) = 2739.73 + 2732.24 = 5471.97
    ['across a year end into a leap year (actual/actual)', 1000000, '2027-12-21', '2028-01-10', 0, TEN_PERCENT, 5472],
    // 0.88 % below zero + 9 points = 8.12 %: 12345 × 812 × 31 / 3,650,000 = 85.14
    ['a negative base rate', 12345, '2022-03-01', '2022-04-01', 900, DE_BASE_RATES, 85],
    ['not yet due', 100000, '2025-03-16', '2025-03-16', 900, DE_BASE_RATES, 0],
  ])('%s', (_, principal, from, to, margin, table, expected) => {
    expect(accrueInterest(principal, from, to, margin, table)).toBe(expected);
  });

  it('refuses to guess a base rate the table does not know', () => {
    expect(() => accrueInterest(100, '2026-06-01', '2026-07-05', 900, DE_BASE_RATES)).toThrow('the base rate for 2026-07-01 is not known (the table ends 2026-06-30); add the new period');
  });
});

describe('partial payment of a claim with accrued interest: the order is a setting', () => {
  const claim: Claim = { principalMinor: 100000, dueDate: '2025-01-15', costsMinor: 4000, marginBp: 900, rates: DE_BASE_RATES, order: 'costs-interest-principal' };
  const pay = [{ date: '2025-03-16', amountMinor: 50000 }];

  it('§ 367 BGB: costs, then interest, then principal', () => {
    // 1853 interest to 16 March; 50000 pays 4000 costs + 1853 interest + 44147 principal;
    // 55853 × 11.27 % × 106/365 = 1828.03 to 30 June.
    expect(settleClaim(claim, pay, '2025-06-30')).toEqual({ principalMinor: 55853, interestMinor: 1828, costsMinor: 0, interestAccruedMinor: 3681, creditMinor: 0 });
  });

  it('principal first: interest and costs stay open, less interest accrues', () => {
    // 50000 × 11.27 % × 106/365 = 1636.47
    expect(settleClaim({ ...claim, order: 'principal-interest-costs' }, pay, '2025-06-30')).toEqual({ principalMinor: 50000, interestMinor: 3489, costsMinor: 4000, interestAccruedMinor: 3489, creditMinor: 0 });
  });

  it('an overpayment becomes credit; later payments are ignored until their date', () => {
    const s = settleClaim(claim, [{ date: '2025-03-16', amountMinor: 110000 }, { date: '2025-12-01', amountMinor: 5 }], '2025-06-30');
    expect(s).toEqual({ principalMinor: 0, interestMinor: 0, costsMinor: 0, interestAccruedMinor: 1853, creditMinor: 110000 - 4000 - 1853 - 100000 });
  });
});

describe('reminder costs', () => {
  const base = { customerKind: 'business' as const, currency: 'EUR', flatFeeCharged: false };
  const fees = { reminderFeeMinor: { level2: 500, level3: 1000 } };
  it.each([
    ['no fee on the first reminder, even with the flat fee on', { ...base, level: 1 as const }, { ...fees, germanFlatFee: true }, []],
    ['per-level fee, level 2', { ...base, level: 2 as const }, fees, [{ kind: 'reminder-fee', amountMinor: 500 }]],
    ['per-level fee, level 3, consumer', { ...base, customerKind: 'consumer' as const, level: 3 as const }, { ...fees, germanFlatFee: true }, [{ kind: 'reminder-fee', amountMinor: 1000 }]],
    ['40 EUR flat fee for a business instead of the reminder fee', { ...base, level: 2 as const }, { ...fees, germanFlatFee: true }, [{ kind: 'flat-fee', amountMinor: 4000 }]],
    ['the flat fee only once', { ...base, level: 3 as const, flatFeeCharged: true }, { ...fees, germanFlatFee: true }, []],
    ['no flat fee on a PLN invoice', { ...base, level: 2 as const, currency: 'PLN' }, { germanFlatFee: true }, []],
    ['no fees configured', { ...base, level: 3 as const }, {}, []],
  ])('%s', (_, r, s, expected) => expect(reminderCosts(r, s)).toEqual(expected));
});
