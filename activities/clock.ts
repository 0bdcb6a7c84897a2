// The tenant clock's one activity: records invoice/due-soon and invoice/overdue events for
// the days whose tick time has passed. Event ids are per invoice, trigger and offset, so a
// day covered twice (a retry, a catch-up, new offsets) records nothing twice. An invoice an
// undone payment opened again catches up the overdue offset it passed meanwhile (below).
import { addDays } from '../src/domain/dates.js';
import { daysBetween } from './customer-facts.js';
import { toMinor } from '../src/domain/money.js';
import { planTick, localInstant } from '../src/engine/clock-days.js';
import { dateEventId, type InvoiceDateReached, type PaymentReversed } from '../src/events/catalog.js';
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
const OPEN_RELEASED = { status: { in: CLOCK_STATUSES }, kind: { in: ['proforma', 'final'] }, number: { not: null } };
const CLOCK_FIELDS = { id: true, customerId: true, opportunityId: true, grossMinor: true, paidMinor: true, dueDate: true } as const;

interface ClockInvoice {
  id: string;
  customerId: string;
  opportunityId: string | null;
  grossMinor: bigint;
  paidMinor: bigint;
  dueDate: string;
}

const owesMoney = (inv: ClockInvoice) => toMinor(inv.grossMinor) > toMinor(inv.paidMinor);

export function clockTick(deps: ActivityDeps) {
  return async (input: ClockTickInput): Promise<ClockTickResult> => {
    const tenant = await deps.db.tenant.findUnique({ where: { id: input.tenantId } });
    if (!tenant) return { days: [], lastDay: input.lastDay ?? '', nextAt: input.now + 86_400_000, recorded: 0 };
    const plan = planTick({ now: input.now, at: input.at, timeZone: tenant.timeZone, ...(input.lastDay ? { lastDay: input.lastDay } : {}), ...(input.redo ? { redo: true } : {}) });
    let recorded = 0;
    const record = async (inv: ClockInvoice, type: InvoiceDateReached['type'], days: number, occurredAt: string) => {
      const event: InvoiceDateReached = {
        type,
        id: dateEventId(inv.id, type, days),
        tenantId: tenant.id,
        customerId: inv.customerId,
        invoiceId: inv.id,
        ...(inv.opportunityId ? { opportunityId: inv.opportunityId } : {}),
        days,
        dueDate: inv.dueDate,
        occurredAt,
      };
      if (await deps.db.$transaction((tx) => recordEvent(tx, event))) recorded++;
    };
    for (const day of plan.days) {
      const occurredAt = new Date(localInstant(day, input.at, tenant.timeZone)).toISOString();
      const wanted = [
        ...input.offsets.dueSoon.map((days) => ({ type: 'invoice/due-soon' as const, days, dueDate: addDays(day, days) })),
        ...input.offsets.overdue.map((days) => ({ type: 'invoice/overdue' as const, days, dueDate: addDays(day, -days) })),
      ];
      for (const w of wanted) {
        const invoices = await deps.db.invoice.findMany({ where: { tenantId: tenant.id, dueDate: w.dueDate, ...OPEN_RELEASED }, select: CLOCK_FIELDS });
        for (const inv of invoices.filter(owesMoney)) await record(inv, w.type, w.days, occurredAt);
      }
      for (const { inv, days } of await reopenedOverdue(deps, tenant, day, input)) await record(inv, 'invoice/overdue', days, occurredAt);
    }
    return { days: plan.days, lastDay: plan.lastDay, nextAt: plan.nextAt, recorded };
  };
}

/**
 * Invoices an undone payment opened again since the previous tick (the day before at the
 * same time), with the largest overdue offset they have passed: its day may have come while
 * they counted as paid. Recorded once under the usual id, so an offset that already fired
 * before the payment does not fire again, and later offsets come on their own days.
 */
async function reopenedOverdue(deps: ActivityDeps, tenant: { id: string; timeZone: string }, day: string, input: ClockTickInput): Promise<{ inv: ClockInvoice; days: number }[]> {
  if (input.offsets.overdue.length === 0) return [];
  const since = new Date(localInstant(addDays(day, -1), input.at, tenant.timeZone));
  const until = new Date(localInstant(day, input.at, tenant.timeZone));
  const undone = await deps.db.domainEvent.findMany({
    where: { tenantId: tenant.id, type: 'payment/reversed', occurredAt: { gt: since, lte: until } },
    select: { payload: true },
  });
  if (undone.length === 0) return [];
  const ids = new Set(undone.map((u) => (u.payload as unknown as PaymentReversed).invoiceId));
  const invoices = await deps.db.invoice.findMany({ where: { tenantId: tenant.id, id: { in: [...ids] }, ...OPEN_RELEASED }, select: CLOCK_FIELDS });
  const out: { inv: ClockInvoice; days: number }[] = [];
  for (const inv of invoices.filter(owesMoney)) {
    const late = daysBetween(inv.dueDate, day);
    const passed = input.offsets.overdue.filter((d) => d <= late);
    if (passed.length) out.push({ inv, days: Math.max(...passed) });
  }
  return out;
}
