// Simulating rules that an invoice fires (issued, due soon, overdue, paid, dunning level):
// the throwaway database gets a real issued invoice of the demo customer, dated so that
// the trigger fires on day 0, and payments later in the simulation go through the real
// invoicing service, whose events reach the run as they would in production.
import { z } from 'zod';
import { addDays, localDate } from '../domain/dates.js';
import { formatAmount } from '../documents/format.js';
import { daysBetween } from '../receivables/calendar.js';
import { dateEventId, type RecflowEvent } from '../events/catalog.js';
import { createDraft, issueInvoice, recordPayment } from '../invoicing/index.js';
import type { Db } from '../platform/db.js';
import { DURATION_PATTERN, parseDuration, parseMoney } from '../rules/words.js';
import { DEMO } from '../seed.js';

const duration = z.string().regex(new RegExp(DURATION_PATTERN), 'a duration such as 16d');
/** Whole days of a duration; a month counts 30 days here (the clock's triggers are whole days). */
const days = (d: string) => {
  const { months, ms } = parseDuration(d)!;
  return months * 30 + Math.round(ms / 86_400_000);
};
const money = z.string().transform((text, ctx) => {
  const m = parseMoney(text);
  if ('error' in m) {
    ctx.addIssue({ code: 'custom', message: m.error });
    return z.NEVER;
  }
  return m;
});

export const invoiceTrigger = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('invoice/issued') }),
  z.strictObject({ type: z.literal('invoice/due-soon'), in: duration }),
  z.strictObject({ type: z.literal('invoice/overdue'), by: duration }),
  z.strictObject({ type: z.literal('payment/received') }),
  z.strictObject({ type: z.literal('invoice/paid') }),
  z.strictObject({ type: z.literal('dunning/level-reached'), level: z.number().int().min(1).max(3) }),
]);
export type InvoiceTrigger = z.output<typeof invoiceTrigger>;

/** The simulated invoice: its amount (the demo opportunity's by default) and payment term. */
export const invoiceSpec = z.strictObject({ amount: money.optional(), 'due-in': duration.default('14d') });
export const paymentLater = z.strictObject({ after: duration, payment: z.union([z.literal('full'), money]) });

export interface SimInvoice {
  id: string;
  number: string;
  dueDate: string;
  currency: string;
}

/** Issues the invoice so that the trigger fires at `startMs`, and returns it with the firing event. */
export async function invoiceFiring(db: Db, trigger: InvoiceTrigger, spec: z.output<typeof invoiceSpec>, startMs: number): Promise<{ invoice: SimInvoice; event: RecflowEvent }> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: DEMO.tenantId } });
  const opportunity = await db.opportunity.findUniqueOrThrow({ where: { id: DEMO.opportunityId } });
  const today = localDate(new Date(startMs), tenant.timeZone);
  const term = days(spec['due-in']);
  // Day 0 is the day the trigger fires: count the due date (and the issue date) back from it.
  const dueDate =
    trigger.type === 'invoice/due-soon' ? addDays(today, days(trigger.in))
    : trigger.type === 'invoice/overdue' ? addDays(today, -days(trigger.by))
    : trigger.type === 'dunning/level-reached' ? addDays(today, -7 * trigger.level)
    : addDays(today, term);
  const issuedAt = new Date(startMs - Math.max(0, daysBetween(addDays(dueDate, -term), today)) * 86_400_000);
  const ctx = { db, actor: 'simulation', now: () => issuedAt };
  const amount = spec.amount ?? { currency: opportunity.currency, minor: opportunity.amountMinor };
  const draft = await createDraft(ctx, {
    tenantId: DEMO.tenantId, customerId: DEMO.customerId, kind: 'final', currency: amount.currency, dueDate, opportunityId: DEMO.opportunityId,
    lines: [{ description: opportunity.title, quantity: '1', unitPriceMinor: amount.minor, taxRateBp: 0 }],
  });
  const issued = await issueInvoice(ctx, { tenantId: DEMO.tenantId, invoiceId: draft.id });
  const invoice = { id: issued.id, number: issued.number!, dueDate, currency: amount.currency };
  const occurredAt = new Date(startMs).toISOString();
  const base = { tenantId: DEMO.tenantId, customerId: DEMO.customerId, invoiceId: invoice.id, opportunityId: DEMO.opportunityId, occurredAt };
  if (trigger.type === 'payment/received' || trigger.type === 'invoice/paid') {
    const events = await pay(db, invoice, 'full', startMs);
    return { invoice, event: events.find((e) => e.type === trigger.type)! };
  }
  switch (trigger.type) {
    case 'invoice/issued':
      return { invoice, event: await recordedEvent(db, `invoice:${invoice.id}:issued`) };
    case 'invoice/due-soon':
    case 'invoice/overdue': {
      const n = days(trigger.type === 'invoice/due-soon' ? trigger.in : trigger.by);
      return { invoice, event: { ...base, type: trigger.type, id: dateEventId(invoice.id, trigger.type, n), days: n, dueDate } };
    }
    case 'dunning/level-reached':
      return { invoice, event: { ...base, type: trigger.type, id: `invoice:${invoice.id}:remaining:dunning:${trigger.level}`, level: trigger.level, part: 'remaining' } };
  }
}

/** Records a payment at `atMs` through the invoicing service; returns the events it wrote, oldest first. */
export async function pay(db: Db, invoice: SimInvoice, amount: 'full' | { currency: string; minor: number }, atMs: number): Promise<RecflowEvent[]> {
  if (amount !== 'full' && amount.currency !== invoice.currency) throw new Error(`payment: ${amount.currency} for an invoice in ${invoice.currency}`);
  const since = new Date();
  await recordPayment({ db, actor: 'simulation', now: () => new Date(atMs) }, { tenantId: DEMO.tenantId, invoiceId: invoice.id, ...(amount === 'full' ? {} : { amountMinor: amount.minor }) });
  const rows = await db.domainEvent.findMany({ where: { tenantId: DEMO.tenantId, createdAt: { gte: since }, type: { in: ['payment/received', 'invoice/paid'] } }, orderBy: { createdAt: 'asc' } });
  return rows.map((r) => r.payload as unknown as RecflowEvent).filter((e) => 'invoiceId' in e && e.invoiceId === invoice.id);
}

export function paymentText(invoice: SimInvoice, amount: 'full' | { currency: string; minor: number }): string {
  return amount === 'full' ? `${invoice.number} paid in full` : `payment of ${formatAmount(amount.minor, amount.currency, 'en')} for ${invoice.number}`;
}

async function recordedEvent(db: Db, eventId: string): Promise<RecflowEvent> {
  return (await db.domainEvent.findUniqueOrThrow({ where: { eventId } })).payload as unknown as RecflowEvent;
}
