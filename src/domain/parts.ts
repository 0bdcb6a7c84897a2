// An invoice is paid in up to two parts — a prepayment and the remaining payment — each
// with its own amount and due date; dunning treats the parts separately.
import { assertMinor, divRound, toMinor } from './money.js';
import type { CalendarDate } from './dates.js';

export const PART_KINDS = ['prepayment', 'remaining'] as const;
export type PartKind = (typeof PART_KINDS)[number];

export interface Part {
  kind: PartKind;
  amountMinor: number;
  dueDate: CalendarDate;
}

export type Prepayment = { dueDate: CalendarDate } & ({ amountMinor: number } | { percentBp: number });

/**
 * Splits a gross amount into parts. Without a prepayment there is one part, "remaining".
 * A percentage is rounded half away from zero; the remaining part takes the rest, so the
 * parts always add up to the gross amount.
 * @example splitParts(10000, '2026-12-31', { percentBp: 3000, dueDate: '2026-12-01' })
 * // [{ kind: 'prepayment', amountMinor: 3000, … }, { kind: 'remaining', amountMinor: 7000, … }]
 */
export function splitParts(grossMinor: number, dueDate: CalendarDate, prepayment?: Prepayment): Part[] {
  assertMinor(grossMinor, 'gross');
  if (!prepayment) return [{ kind: 'remaining', amountMinor: grossMinor, dueDate }];
  const amount =
    'amountMinor' in prepayment
      ? assertMinor(prepayment.amountMinor, 'prepayment')
      : toMinor(divRound(BigInt(grossMinor) * BigInt(prepayment.percentBp), 10_000n));
  if (Math.sign(amount) !== Math.sign(grossMinor) || Math.abs(amount) > Math.abs(grossMinor)) {
    throw new Error(`prepayment ${amount} must lie between 0 and the gross amount ${grossMinor}`);
  }
  const parts: Part[] = [{ kind: 'prepayment', amountMinor: amount, dueDate: prepayment.dueDate }];
  if (amount !== grossMinor) parts.push({ kind: 'remaining', amountMinor: grossMinor - amount, dueDate });
  return parts;
}

/**
 * Applies a payment to the parts in order (prepayment first); returns the new paid
 * amount per part. Overpayment stays on the last part.
 */
export function allocateToParts(parts: readonly { amountMinor: number; paidMinor: number }[], paymentMinor: number): number[] {
  let left = assertMinor(paymentMinor, 'payment');
  return parts.map((p, i) => {
    const open = Math.max(p.amountMinor - p.paidMinor, 0);
    const take = i === parts.length - 1 ? left : Math.min(open, left);
    left -= take;
    return p.paidMinor + take;
  });
}
