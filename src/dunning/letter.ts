// One dunning letter: a customer, a level, the rows it reminds of (with fees and
// interest) and a statement of ALL the customer's overdue items (seed 003).
import type { CalendarDate } from '../domain/dates.js';
import { formatAmount, formatDate } from '../documents/format.js';
import type { ReminderCharge, ReminderLetterWithCharges } from '../documents/reminder.js';
import { buyerFromCustomer } from '../documents/index.js';
import { sellerOf } from '../invoicing/pdf.js';
import type { Customer, Tenant } from '../platform/db.js';
import type { DunningLevel } from '../receivables/dunning/levels.js';
import { overdueStatement } from '../receivables/dunning/preview.js';
import type { DunningItem } from './items.js';
import type { PreviewRow } from './preview.js';

/** The business key of a letter: its document and its mail. One per customer, level and run date. */
export function letterKey(customerId: string, level: DunningLevel, date: CalendarDate): string {
  return `dunning:${customerId}:${level}:${date}`;
}

export function parseLetterKey(key: string): { customerId: string; level: DunningLevel; date: CalendarDate } | undefined {
  const m = /^dunning:(.+):([123]):(\d{4}-\d{2}-\d{2})$/.exec(key);
  return m ? { customerId: m[1]!, level: Number(m[2]) as DunningLevel, date: m[3]! } : undefined;
}

export function letterDocument(tenant: Tenant, customer: Customer, level: DunningLevel, date: CalendarDate, rows: PreviewRow[], items: DunningItem[]): ReminderLetterWithCharges {
  const statement = overdueStatement(items, customer.id, date)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : 1))
    .map((i) => ({ number: i.number, issueDate: (i as DunningItem).issueDate, dueDate: i.dueDate, part: i.part, currency: i.currency, amountMinor: i.amountMinor, paidMinor: (i as DunningItem).paidMinor, reminders: i.remindersCount }));
  const charges: ReminderCharge[] = [];
  for (const r of rows) {
    if (r.feeMinor > 0) charges.push({ kind: r.feeKind ?? 'reminder-fee', amountMinor: r.feeMinor, currency: r.currency, on: r.number });
    if (r.interestMinor > 0) charges.push({ kind: 'interest', amountMinor: r.interestMinor, currency: r.currency, on: r.number });
  }
  return {
    level,
    language: customer.language,
    date,
    seller: sellerOf(tenant),
    buyer: buyerFromCustomer(customer),
    items: statement,
    charges,
  };
}

/** The values the dunning-<level> mail templates use, for a letter about one or more invoices. */
export function letterMailValues(customer: Customer, rows: PreviewRow[]): Record<string, unknown> {
  const lang = customer.language;
  const numbers = [...new Set(rows.map((r) => r.number))];
  const open = new Map<string, number>();
  for (const r of rows) open.set(r.currency, (open.get(r.currency) ?? 0) + r.amountOpenMinor);
  const oldest = rows.map((r) => r.dueDate).sort()[0]!;
  return {
    customer: { name: customer.name },
    invoice: {
      number: numbers.join(', '),
      openAmount: [...open].map(([c, m]) => formatAmount(m, c, lang)).join(' + '),
      dueDate: formatDate(oldest, lang),
    },
  };
}
