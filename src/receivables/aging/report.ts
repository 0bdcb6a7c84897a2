// Aging of open receivables (seed 002): per customer and in total, per currency, in
// buckets by days past the due date on the report date.
import type { CalendarDate } from '../../domain/dates.js';
import { daysBetween } from '../calendar.js';
import type { OpenItem } from '../open-item.js';

export const AGING_BUCKETS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export function bucketOf(daysOverdue: number): AgingBucket {
  if (daysOverdue <= 0) return 'notDue';
  if (daysOverdue <= 30) return 'days1to30';
  if (daysOverdue <= 60) return 'days31to60';
  if (daysOverdue <= 90) return 'days61to90';
  return 'over90';
}

export interface AgingLine {
  currency: string;
  buckets: Record<AgingBucket, number>;
  totalMinor: number;
  items: number;
}

export interface AgingReport {
  asOf: CalendarDate;
  /** Per customer and currency, by customer id then currency. */
  customers: (AgingLine & { customerId: string; customerName?: string })[];
  /** Per currency, by currency: amounts in different currencies are never added. */
  totals: AgingLine[];
}

export function agingReport(items: readonly OpenItem[], asOf: CalendarDate, customerNames?: ReadonlyMap<string, string>): AgingReport {
  const perCustomer = new Map<string, AgingReport['customers'][number]>();
  const totals = new Map<string, AgingLine>();
  for (const item of items) {
    if (item.openMinor <= 0) continue;
    const bucket = bucketOf(daysBetween(item.dueDate, asOf));
    const key = `${item.customerId}\u0000${item.currency}`;
    let c = perCustomer.get(key);
    if (!c) {
      const name = customerNames?.get(item.customerId);
      c = { customerId: item.customerId, ...(name !== undefined && { customerName: name }), ...empty(item.currency) };
      perCustomer.set(key, c);
    }
    let t = totals.get(item.currency);
    if (!t) totals.set(item.currency, (t = empty(item.currency)));
    for (const line of [c, t]) {
      line.buckets[bucket] += item.openMinor;
      line.totalMinor += item.openMinor;
      line.items++;
    }
  }
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return {
    asOf,
    customers: [...perCustomer.values()].sort((a, b) => cmp(a.customerId, b.customerId) || cmp(a.currency, b.currency)),
    totals: [...totals.values()].sort((a, b) => cmp(a.currency, b.currency)),
  };
}

function empty(currency: string): AgingLine {
  return { currency, buckets: { notDue: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 }, totalMinor: 0, items: 0 };
}
