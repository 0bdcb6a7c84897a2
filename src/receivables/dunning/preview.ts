// A dunning run's preview (seed 003): for one branch or the whole tenant, one customer
// or all, one level or all, what would be dunned today. It decides; it changes nothing.
import type { CalendarDate } from '../../domain/dates.js';
import type { PartKind } from '../../domain/parts.js';
import { daysBetween } from '../calendar.js';
import type { OpenItem } from '../open-item.js';
import { dunningLevel, type DunningLevel } from './levels.js';
import { daysFor, type DunningSettings } from './settings.js';

export interface DunningFilter {
  /** Today in the tenant's time zone: localDate(now, tenant.timeZone). */
  today: CalendarDate;
  branchId?: string;
  customerId?: string;
  level?: DunningLevel;
}

export interface DunningRow {
  invoiceId: string;
  number: string;
  customerId: string;
  branchId?: string;
  part: PartKind;
  level: DunningLevel;
  daysOverdue: number;
  amountOpenMinor: number;
  currency: string;
  dueDate: CalendarDate;
}

export interface DunningPreview {
  rows: DunningRow[];
  /** Due for a reminder but held by a dunning stop, so a person sees what is withheld. */
  held: (DunningRow & { stop: 'invoice' | 'customer' })[];
  /** Parts whose data contradicts itself (reminders counted but no date). */
  problems: { invoiceId: string; number: string; part: PartKind; problem: string }[];
}

export function dunningPreview(items: readonly OpenItem[], settings: DunningSettings, filter: DunningFilter): DunningPreview {
  const out: DunningPreview = { rows: [], held: [], problems: [] };
  for (const item of items) {
    if (filter.branchId !== undefined && item.branchId !== filter.branchId) continue;
    if (filter.customerId !== undefined && item.customerId !== filter.customerId) continue;
    const level = dunningLevel(item, daysFor(settings, item.customerId, item.branchId), filter.today);
    if (level === 'no last reminder date') {
      out.problems.push({ invoiceId: item.invoiceId, number: item.number, part: item.part, problem: `${item.remindersCount} reminder(s) recorded but no last reminder date` });
      continue;
    }
    if (typeof level !== 'number' || (filter.level !== undefined && level !== filter.level)) continue;
    const row: DunningRow = {
      invoiceId: item.invoiceId, number: item.number, customerId: item.customerId,
      ...(item.branchId !== undefined && { branchId: item.branchId }),
      part: item.part, level, daysOverdue: daysBetween(item.dueDate, filter.today),
      amountOpenMinor: item.openMinor, currency: item.currency, dueDate: item.dueDate,
    };
    const stop = item.dunningStop ? 'invoice' : settings.customers?.get(item.customerId)?.dunningStop ? 'customer' : undefined;
    if (stop) out.held.push({ ...row, stop });
    else out.rows.push(row);
  }
  // Plain code-unit order: stable across machines and much faster than localeCompare.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const order = (a: DunningRow, b: DunningRow) =>
    cmp(a.customerId, b.customerId) || cmp(a.dueDate, b.dueDate) || cmp(a.number, b.number) || (a.part === b.part ? 0 : a.part === 'prepayment' ? -1 : 1);
  out.rows.sort(order);
  out.held.sort(order);
  return out;
}

/** The customer's overdue open items, for the statement printed on every dunning letter. */
export function overdueStatement(items: readonly OpenItem[], customerId: string, today: CalendarDate): OpenItem[] {
  return items.filter((i) => i.customerId === customerId && i.openMinor > 0 && i.dueDate < today);
}
