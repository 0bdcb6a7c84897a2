// What matching decides for each statement line: plain data the import stores and the
// API shows. Every line lands in exactly one kind.
import type { PartKind } from '../../domain/parts.js';

export interface Allocation {
  invoiceId: string;
  number: string;
  part: PartKind;
  amountMinor: number;
  /** What stays open of this part after the allocation (0 = paid). */
  openAfterMinor: number;
}

/** How the invoices were found: named in the text, or by amount and payer. */
export type MatchedVia = 'number' | 'iban' | 'name';

export type MatchDecision =
  | {
      /** matched: one invoice settled exactly; split: several; partial: something stays open; overpaid: credit left. */
      kind: 'matched' | 'split' | 'partial' | 'overpaid';
      bankRef: string;
      customerId: string;
      currency: string;
      via: MatchedVia;
      allocations: Allocation[];
      /** Overpayment kept as customer credit. */
      creditMinor: number;
    }
  | { kind: 'review'; bankRef: string; reason: string; candidates: string[] }
  | { kind: 'ignored'; bankRef: string; reason: string }
  | { kind: 'duplicate'; bankRef: string };

export type DecisionKind = MatchDecision['kind'];

export type ImportSummary = Record<DecisionKind, number> & { lines: number };

export function summarise(decisions: readonly MatchDecision[]): ImportSummary {
  const s: ImportSummary = { lines: decisions.length, matched: 0, split: 0, partial: 0, overpaid: 0, review: 0, ignored: 0, duplicate: 0 };
  for (const d of decisions) s[d.kind]++;
  return s;
}
