// An open item is one unpaid part of an invoice (prepayment or remaining payment), as
// the database hands it to matching, dunning and aging: plain data, nothing lazy.
import type { CalendarDate } from '../domain/dates.js';
import type { PartKind } from '../domain/parts.js';

export interface OpenItem {
  invoiceId: string;
  /** The invoice number as printed, e.g. INV-2026-0001 or FV/2026/0001. */
  number: string;
  customerId: string;
  branchId?: string;
  /**
   * IBANs the customer pays from (normalised, no spaces). Customer data: the same for
   * every item of a customer (matching reads it from the customer's first item), so one
   * array can be shared by all of them.
   */
  payerIbans: readonly string[];
  /** Names the customer pays under (company name, account holder); customer data as above. */
  payerNames: readonly string[];
  currency: string;
  part: PartKind;
  /** The part's full amount; `openMinor` is what is still unpaid of it. */
  amountMinor: number;
  openMinor: number;
  dueDate: CalendarDate;
  /** Reminders already sent for this part, and the date of the last one. */
  remindersCount: number;
  lastReminderDate?: CalendarDate;
  /** Dunning stop on the invoice (disputed, instalments agreed). */
  dunningStop: boolean;
}

/** Stable order for allocation: oldest due date first, prepayment before remaining. */
export function byDueDate(a: OpenItem, b: OpenItem): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (a.number !== b.number) return a.number < b.number ? -1 : 1;
  return a.part === b.part ? 0 : a.part === 'prepayment' ? -1 : 1;
}
