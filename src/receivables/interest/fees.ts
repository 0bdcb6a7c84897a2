// Costs a reminder adds. The first reminder is always free. Germany (§ 288 (5) BGB): a
// business debtor in default owes a flat 40 EUR once per claim; it is credited against
// other collection costs, so business customers pay it instead of reminder fees.
import type { DunningLevel } from '../dunning/levels.js';
import type { CustomerKind } from './rates.js';

export interface FeeSettings {
  /** Fee per reminder at levels 2 and 3, in minor units of the invoice currency. */
  reminderFeeMinor?: { level2?: number; level3?: number };
  /** Charge the § 288 (5) BGB flat fee (EUR invoices to businesses). */
  germanFlatFee?: boolean;
}

export const GERMAN_FLAT_FEE_MINOR = 4000;

export interface ReminderCost {
  kind: 'reminder-fee' | 'flat-fee';
  amountMinor: number;
}

/**
 * What one reminder costs the customer.
 * @example reminderCosts({ level: 2, customerKind: 'business', currency: 'EUR', flatFeeCharged: false }, { germanFlatFee: true }) // [{ kind: 'flat-fee', amountMinor: 4000 }]
 */
export function reminderCosts(
  r: { level: DunningLevel; customerKind: CustomerKind; currency: string; flatFeeCharged: boolean },
  s: FeeSettings,
): ReminderCost[] {
  if (r.level === 1) return [];
  const flat = s.germanFlatFee === true && r.customerKind === 'business' && r.currency === 'EUR';
  if (flat) return r.flatFeeCharged ? [] : [{ kind: 'flat-fee', amountMinor: GERMAN_FLAT_FEE_MINOR }];
  const fee = r.level === 2 ? s.reminderFeeMinor?.level2 : s.reminderFeeMinor?.level3;
  return fee ? [{ kind: 'reminder-fee', amountMinor: fee }] : [];
}
