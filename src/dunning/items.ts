// Open items for dunning and aging, loaded from the database: one per unpaid part of an
// issued final invoice. Proformas are left out on purpose: they ask for a prepayment
// and are no claim yet (seed 004's proforma reminders are rules, not dunning); a final
// invoice's prepayment part is dunned like any other part (seed 003). Invoices awaiting
// manual release never reached the customer, so they are not dunned either.
import type { CalendarDate } from '../domain/dates.js';
import { toMinor } from '../domain/money.js';
import type { PartKind } from '../domain/parts.js';
import type { Db } from '../platform/db.js';
import type { OpenItem } from '../receivables/open-item.js';

export const DUNNABLE_STATUSES = ['issued', 'sent', 'due', 'partially_paid', 'reminded'];

/** An open item plus what letters and records need about its invoice. */
export interface DunningItem extends OpenItem {
  issueDate: CalendarDate;
  paidMinor: number;
  opportunityId?: string;
  invoiceReminderCount: number;
  invoiceStatus: string;
}

export interface ItemFilter {
  tenantId: string;
  customerId?: string;
  /** The customer's branch. */
  branchId?: string;
  /** Include parts that are fully paid (for nothing but completeness checks). */
  includePaid?: boolean;
}

export async function loadItems(db: Db, f: ItemFilter): Promise<DunningItem[]> {
  const invoices = await db.invoice.findMany({
    where: {
      tenantId: f.tenantId,
      kind: 'final',
      status: { in: DUNNABLE_STATUSES },
      ...(f.customerId !== undefined && { customerId: f.customerId }),
      ...(f.branchId !== undefined && { customer: { branchId: f.branchId } }),
    },
    include: { parts: true, customer: { select: { branchId: true } } },
    orderBy: { number: 'asc' },
  });
  const items: DunningItem[] = [];
  for (const inv of invoices) {
    for (const p of inv.parts) {
      const amount = toMinor(p.amountMinor);
      const paid = toMinor(p.paidMinor);
      if (!f.includePaid && paid >= amount) continue;
      items.push({
        invoiceId: inv.id,
        number: inv.number ?? inv.id,
        customerId: inv.customerId,
        ...(inv.customer.branchId !== null && { branchId: inv.customer.branchId }),
        payerIbans: [],
        payerNames: [],
        currency: inv.currency,
        part: p.kind as PartKind,
        amountMinor: amount,
        paidMinor: paid,
        openMinor: amount - paid,
        dueDate: p.dueDate,
        remindersCount: p.reminderCount,
        ...(p.lastReminderDate !== null && { lastReminderDate: p.lastReminderDate }),
        dunningStop: inv.dunningStop !== null,
        issueDate: inv.issueDate ?? p.dueDate,
        ...(inv.opportunityId !== null && { opportunityId: inv.opportunityId }),
        invoiceReminderCount: inv.reminderCount,
        invoiceStatus: inv.status,
      });
    }
  }
  return items;
}
