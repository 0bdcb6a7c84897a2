// The tenant clock's one activity: records invoice/due-soon and invoice/overdue events for
// the days whose tick time has passed. Event ids are per invoice, trigger and offset, so a
// day covered twice (a retry, a catch-up, new offsets) records nothing twice.
import { addDays } from '../src/domain/dates.js';
import { toMinor } from '../src/domain/money.js';
import { planTick, localInstant } from '../src/engine/clock-days.js';
import { dateEventId, type InvoiceDateReached } from '../src/events/catalog.js';
import { recordEvent } from '../src/events/outbox.js';
import type { ActivityDeps } from './deps.js';

export interface ClockOffsets {
  /** Days before the due date (invoice/due-soon `in`). */
  dueSoon: number[];
  /** Days after the due date (invoice/overdue `by`). */
  overdue: number[];
}

export interface ClockTickInput {
  tenantId: string;
  offsets: ClockOffsets;
  /** Local time of day, HH:MM. */
  at: string;
  lastDay?: string;
  redo?: boolean;
  /** Workflow time (ms). */
  now: number;
}

export interface ClockTickResult {
  days: string[];
  lastDay: string;
  nextAt: number;
  /** Events recorded now (not counting ones recorded before). */
  recorded: number;
}

/** Invoices still expecting money from the customer (released ones only). */
const CLOCK_STATUSES = ['issued', 'sent', 'due', 'partially_paid', 'reminded'];

export function clockTick(deps: ActivityDeps) {
  return async (input: ClockTickInput): Promise<ClockTickResult> => {
    const tenant = await deps.db.tenant.findUnique({ where: { id: input.tenantId } });
    if (!tenant) return { days: [], lastDay: input.lastDay ?? '', nextAt: input.now + 86_400_000, recorded: 0 };
    const plan = planTick({ now: input.now, at: input.at, timeZone: tenant.timeZone, ...(input.lastDay ? { lastDay: input.lastDay } : {}), ...(input.redo ? { redo: true } : {}) });
    let recorded = 0;
    for (const day of plan.days) {
      const occurredAt = new Date(localInstant(day, input.at, tenant.timeZone)).toISOString();
      const wanted = [
        ...input.offsets.dueSoon.map((days) => ({ type: 'invoice/due-soon' as const, days, dueDate: addDays(day, days) })),
        ...input.offsets.overdue.map((days) => ({ type: 'invoice/overdue' as const, days, dueDate: addDays(day, -days) })),
      ];
      for (const w of wanted) {
        const invoices = await deps.db.invoice.findMany({
          where: { tenantId: tenant.id, dueDate: w.dueDate, status: { in: CLOCK_STATUSES }, kind: { in: ['proforma', 'final'] }, number: { not: null } },
          select: { id: true, customerId: true, opportunityId: true, grossMinor: true, paidMinor: true, dueDate: true },
        });
        for (const inv of invoices.filter((i) => toMinor(i.grossMinor) > toMinor(i.paidMinor))) {
          const event: InvoiceDateReached = {
            type: w.type,
            id: dateEventId(inv.id, w.type, w.days),
            tenantId: tenant.id,
            customerId: inv.customerId,
            invoiceId: inv.id,
            ...(inv.opportunityId ? { opportunityId: inv.opportunityId } : {}),
            days: w.days,
            dueDate: inv.dueDate,
            occurredAt,
          };
          if (await deps.db.$transaction((tx) => recordEvent(tx, event))) recorded++;
        }
      }
    }
    return { days: plan.days, lastDay: plan.lastDay, nextAt: plan.nextAt, recorded };
  };
}
