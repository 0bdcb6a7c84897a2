// Start, list, read and stop recurring invoices. A recurring invoice is a row (what, for
// whom, when) plus its Temporal Schedule; the row is written first and removed again if
// the schedule cannot be made, so nothing is half-written.
import { randomUUID } from 'node:crypto';
import { localDate } from '../domain/dates.js';
import type { RecurringInvoice } from '../generated/sqlite/client/client.js';
import type { Db } from '../platform/db.js';
import { RecurringError } from './errors.js';
import { createRecurringSchedule, deleteSchedule, nextRuns, scheduleIdFor, type ScheduleTarget } from './schedule.js';
import { checkCadence, describeCadence } from './spec.js';

export interface RecurringContext {
  db: Db;
  /** Who acts, for createdBy/stoppedBy: "api:<token>", "cli", a workflow id. */
  actor: string;
  schedules: ScheduleTarget;
  now?: () => Date;
}

export interface StartInput {
  tenantId: string;
  /** Exactly one: the opportunity (its title and amount each period) or an issued invoice (its lines). */
  opportunityId?: string;
  invoiceId?: string;
  everyMonths?: number;
  /** Default: the start date's day. 29–31 fall on the last day of shorter months. */
  dayOfMonth?: number;
  /** HH:MM in the tenant's time zone; default 09:00. */
  at?: string;
  /** YYYY-MM-DD; default today in the tenant's time zone. */
  startDate?: string;
  /** A caller's deterministic id (a rule step), so a retried start finds its own row. */
  id?: string;
  /** An active recurring invoice for the same source: a conflict (API) or returned as is (rules). */
  ifActive?: 'conflict' | 'return';
}

export interface RecurringView {
  id: string;
  tenantId: string;
  customerId: string;
  opportunityId: string | null;
  templateInvoiceId: string | null;
  everyMonths: number;
  dayOfMonth: number;
  at: string;
  startDate: string;
  timeZone: string;
  /** e.g. "every month on day 5 at 09:00" */
  cadence: string;
  status: 'active' | 'stopped';
  scheduleId: string;
  issuedCount: number;
  lastPeriod: string | null;
  createdBy: string;
  createdAt: string;
  stoppedAt: string | null;
  stoppedBy: string | null;
  /** Next run times (ISO) from the schedule; empty once stopped. Only on get/list with schedules. */
  nextRuns?: string[];
}

/**
 * @example await startRecurring(ctx, { tenantId, invoiceId, everyMonths: 1, dayOfMonth: 5 })
 */
export async function startRecurring(ctx: RecurringContext, input: StartInput): Promise<RecurringView> {
  const { db } = ctx;
  if (!input.opportunityId === !input.invoiceId) throw new RecurringError('invalid_input', 'give exactly one of opportunityId or invoiceId: what each period invoices');
  if (input.id) {
    const mine = await db.recurringInvoice.findFirst({ where: { id: input.id, tenantId: input.tenantId } });
    if (mine) return ensureSchedule(ctx, mine);
  }
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: input.tenantId } });
  const source = await sourceOf(db, input);
  const startDate = input.startDate ?? localDate(ctx.now?.() ?? new Date(), tenant.timeZone);
  const cadence = checkCadence({
    everyMonths: input.everyMonths ?? 1,
    dayOfMonth: input.dayOfMonth ?? Number(startDate.slice(8, 10)),
    at: input.at ?? '09:00',
    startDate,
    timeZone: tenant.timeZone,
  });
  const active = await db.recurringInvoice.findFirst({
    where: { tenantId: input.tenantId, status: 'active', ...(input.invoiceId ? { templateInvoiceId: input.invoiceId } : { opportunityId: input.opportunityId, templateInvoiceId: null }) },
  });
  if (active) {
    if (input.ifActive === 'return') return ensureSchedule(ctx, active);
    throw new RecurringError('conflict', `${input.invoiceId ? `invoice ${input.invoiceId}` : `opportunity ${input.opportunityId}`} already has the active recurring invoice ${active.id}; stop it first`);
  }
  const id = input.id ?? randomUUID();
  const row = await db.recurringInvoice.create({
    data: {
      id,
      tenantId: input.tenantId,
      customerId: source.customerId,
      opportunityId: source.opportunityId,
      templateInvoiceId: input.invoiceId ?? null,
      everyMonths: cadence.everyMonths,
      dayOfMonth: cadence.dayOfMonth,
      at: cadence.at,
      startDate: cadence.startDate,
      scheduleId: scheduleIdFor(id),
      createdBy: ctx.actor,
    },
  });
  try {
    return await ensureSchedule(ctx, row);
  } catch (err) {
    await db.recurringInvoice.delete({ where: { id } });
    throw err;
  }
}

/** Stops it: the row is marked stopped first (a firing in between issues nothing), then the schedule is deleted. */
export async function stopRecurring(ctx: RecurringContext, ref: { tenantId: string; id: string }): Promise<RecurringView> {
  const row = await find(ctx.db, ref);
  await ctx.db.recurringInvoice.updateMany({ where: { id: row.id, status: 'active' }, data: { status: 'stopped', stoppedAt: ctx.now?.() ?? new Date(), stoppedBy: ctx.actor } });
  await deleteSchedule(ctx.schedules, row.scheduleId);
  return view(ctx.db, await find(ctx.db, ref), []);
}

/** Stops every active recurring invoice of an opportunity (the stop-recurring rule step). */
export async function stopForOpportunity(ctx: RecurringContext, ref: { tenantId: string; opportunityId: string }): Promise<RecurringView[]> {
  const rows = await ctx.db.recurringInvoice.findMany({ where: { tenantId: ref.tenantId, opportunityId: ref.opportunityId, status: 'active' } });
  const stopped: RecurringView[] = [];
  for (const r of rows) stopped.push(await stopRecurring(ctx, { tenantId: ref.tenantId, id: r.id }));
  return stopped;
}

export async function getRecurring(ctx: RecurringContext, ref: { tenantId: string; id: string }): Promise<RecurringView> {
  const row = await find(ctx.db, ref);
  return view(ctx.db, row, row.status === 'active' ? ((await nextRuns(ctx.schedules, row.scheduleId)) ?? []) : []);
}

export async function listRecurring(ctx: RecurringContext, filter: { tenantId: string; status?: 'active' | 'stopped' }): Promise<RecurringView[]> {
  const rows = await ctx.db.recurringInvoice.findMany({ where: { tenantId: filter.tenantId, ...(filter.status ? { status: filter.status } : {}) }, orderBy: { createdAt: 'asc' } });
  return Promise.all(rows.map(async (r) => view(ctx.db, r, r.status === 'active' ? ((await nextRuns(ctx.schedules, r.scheduleId)) ?? []) : [])));
}

async function ensureSchedule(ctx: RecurringContext, row: RecurringInvoice): Promise<RecurringView> {
  if (row.status !== 'active') return view(ctx.db, row, []);
  const [tenant, customer] = await Promise.all([
    ctx.db.tenant.findUniqueOrThrow({ where: { id: row.tenantId } }),
    ctx.db.customer.findUniqueOrThrow({ where: { id: row.customerId } }),
  ]);
  await createRecurringSchedule(ctx.schedules, { ...row, timeZone: tenant.timeZone, customerName: customer.name });
  return view(ctx.db, row, (await nextRuns(ctx.schedules, row.scheduleId)) ?? []);
}

async function sourceOf(db: Db, input: StartInput): Promise<{ customerId: string; opportunityId: string | null }> {
  if (input.opportunityId) {
    const opp = await db.opportunity.findFirst({ where: { id: input.opportunityId, tenantId: input.tenantId } });
    if (!opp) throw new RecurringError('not_found', `opportunityId: no opportunity ${input.opportunityId}`);
    if (opp.amountMinor <= 0) throw new RecurringError('invalid_input', `opportunityId: opportunity ${opp.id} has no amount to invoice`);
    return { customerId: opp.customerId, opportunityId: opp.id };
  }
  const inv = await db.invoice.findFirst({ where: { id: input.invoiceId!, tenantId: input.tenantId } });
  if (!inv) throw new RecurringError('not_found', `invoiceId: no invoice ${input.invoiceId}`);
  if (inv.kind !== 'final' && inv.kind !== 'proforma') throw new RecurringError('invalid_input', `invoiceId: ${inv.number ?? inv.id} is a ${inv.kind}; repeat a final invoice or a proforma`);
  if (!inv.number) throw new RecurringError('invalid_state', `invoiceId: invoice ${inv.id} is a draft; issue it first (its lines are copied as issued)`);
  return { customerId: inv.customerId, opportunityId: inv.opportunityId };
}

async function find(db: Db, ref: { tenantId: string; id: string }): Promise<RecurringInvoice> {
  const row = await db.recurringInvoice.findFirst({ where: { id: ref.id, tenantId: ref.tenantId } });
  if (!row) throw new RecurringError('not_found', `no recurring invoice ${ref.id}`);
  return row;
}

async function view(db: Db, r: RecurringInvoice, next: string[]): Promise<RecurringView> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: r.tenantId }, select: { timeZone: true } });
  return {
    id: r.id,
    tenantId: r.tenantId,
    customerId: r.customerId,
    opportunityId: r.opportunityId,
    templateInvoiceId: r.templateInvoiceId,
    everyMonths: r.everyMonths,
    dayOfMonth: r.dayOfMonth,
    at: r.at,
    startDate: r.startDate,
    timeZone: tenant.timeZone,
    cadence: describeCadence(r),
    status: r.status as RecurringView['status'],
    scheduleId: r.scheduleId,
    issuedCount: r.issuedCount,
    lastPeriod: r.lastPeriod,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    stoppedAt: r.stoppedAt?.toISOString() ?? null,
    stoppedBy: r.stoppedBy,
    nextRuns: next,
  };
}
