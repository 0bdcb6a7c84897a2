// A claim in default over time: principal accrues interest, payments come in, and the
// tenant's setting decides what a partial payment pays first. § 367 (1) BGB: costs,
// then interest, then principal — so the principal, and the interest on it, stays
// higher. "principal-first" is what many businesses do for goodwill.
import type { CalendarDate } from '../../domain/dates.js';
import { accrueInterest } from './accrue.js';
import type { BaseRateTable } from './rates.js';

export const PAYMENT_ORDERS = ['costs-interest-principal', 'principal-interest-costs'] as const;
export type PaymentOrder = (typeof PAYMENT_ORDERS)[number];

export interface Claim {
  principalMinor: number;
  dueDate: CalendarDate;
  /** Reminder fees and flat fees already charged. */
  costsMinor: number;
  marginBp: number;
  rates: BaseRateTable;
  order: PaymentOrder;
}

export interface ClaimState {
  principalMinor: number;
  interestMinor: number;
  costsMinor: number;
  /** All interest accrued so far, paid or not. */
  interestAccruedMinor: number;
  /** Paid beyond everything owed. */
  creditMinor: number;
}

/**
 * The claim as of `asOf` after the payments (in date order). Interest is rounded to
 * minor units at each payment date and at `asOf` (see accrue.ts).
 */
export function settleClaim(claim: Claim, payments: readonly { date: CalendarDate; amountMinor: number }[], asOf: CalendarDate): ClaimState {
  const s: ClaimState = { principalMinor: claim.principalMinor, interestMinor: 0, costsMinor: claim.costsMinor, interestAccruedMinor: 0, creditMinor: 0 };
  let since = claim.dueDate;
  const accrueTo = (date: CalendarDate) => {
    if (date <= since) return;
    const i = accrueInterest(s.principalMinor, since, date, claim.marginBp, claim.rates);
    s.interestMinor += i;
    s.interestAccruedMinor += i;
    since = date;
  };
  const sorted = [...payments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const p of sorted) {
    if (p.date > asOf) break;
    accrueTo(p.date);
    let left = p.amountMinor;
    const buckets = claim.order === 'costs-interest-principal' ? (['costsMinor', 'interestMinor', 'principalMinor'] as const) : (['principalMinor', 'interestMinor', 'costsMinor'] as const);
    for (const b of buckets) {
      const take = Math.min(s[b], left);
      s[b] -= take;
      left -= take;
    }
    s.creditMinor += left;
  }
  accrueTo(asOf);
  return s;
}
