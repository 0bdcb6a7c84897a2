// One normalised bank transaction, whatever the statement format. Amounts are integer
// minor units; `amountMinor` is always positive and `direction` carries the sign, so a
// matcher never confuses a refund sent out with a payment received.
import type { CalendarDate } from '../../domain/dates.js';

export type Direction = 'credit' | 'debit';
export type StatementFormat = 'csv' | 'camt.053' | 'camt.054' | 'mt940';

export interface BankTransaction {
  /** Stable per statement line: the same line imported again gets the same id. */
  bankRef: string;
  format: StatementFormat;
  /** Line in the file where the transaction starts (1-based), for messages. */
  line: number;
  bookingDate: CalendarDate;
  valueDate: CalendarDate;
  amountMinor: number;
  currency: string;
  direction: Direction;
  payerName?: string;
  payerIban?: string;
  /** Free remittance text (Verwendungszweck), as the bank sent it. */
  reference: string;
  /** ISO 11649 creditor reference (RF…), only when its check digits are right. */
  creditorReference?: string;
  /** The bank's own reference(s) and end-to-end id, kept for people reading the import. */
  bankIds?: { accountServicer?: string; endToEnd?: string; mandate?: string };
}

export interface LineError {
  line: number;
  message: string;
}

/** A statement parses as a whole or not at all: either transactions or errors. */
export type ParseResult =
  | { ok: true; transactions: BankTransaction[] }
  | { ok: false; errors: LineError[] };

export function renderLineErrors(file: string, errors: readonly LineError[]): string {
  return errors.map((e) => `✖ ${e.message} → at ${file}:${e.line}`).join('\n');
}
