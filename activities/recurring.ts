// Activities of recurring invoices: one period (issue, render, mail — each keyed by the
// period) and the rule steps start-recurring / stop-recurring. Business errors are final.
import { ApplicationFailure, Context } from '@temporalio/activity';
import { InvoicingError } from '../src/invoicing/index.js';
import { RecurringError } from '../src/recurring/errors.js';
import { issuePeriod, mailPeriodInvoice, periodKey, renderPeriodPdf, type PeriodResult } from '../src/recurring/period.js';
import { startRecurring, stopForOpportunity, type RecurringContext } from '../src/recurring/service.js';
import { createHash } from 'node:crypto';
import type { ActivityDeps } from './deps.js';

export interface PeriodInput {
  tenantId: string;
  recurringId: string;
  /** The schedule's nominal time for this run (ISO): it names the period. */
  scheduledAt: string;
  /** Workflow time (ms): the issue date. */
  now: number;
  actor: string;
}

export function issueRecurringPeriod(deps: ActivityDeps) {
  return (input: PeriodInput): Promise<PeriodResult> => final(() => issuePeriod({ db: deps.db, actor: input.actor }, input));
}

/** The period invoice's PDF, a Document under `<period key>:pdf`; returns a reference, not bytes. */
export function renderRecurringInvoice(deps: ActivityDeps) {
  return (input: { tenantId: string; recurringId: string; period: string; invoiceId: string }) =>
    final(() => renderPeriodPdf(deps, { tenantId: input.tenantId, invoiceId: input.invoiceId, key: periodKey(input.recurringId, input.period) }));
}

export function mailRecurringInvoice(deps: ActivityDeps) {
  return (input: { tenantId: string; recurringId: string; period: string; invoiceId: string; pdf: { path: string; fileName: string } }) =>
    final(() => mailPeriodInvoice(deps, { tenantId: input.tenantId, invoiceId: input.invoiceId, key: periodKey(input.recurringId, input.period), pdf: input.pdf }));
}

export interface RuleRecurringInput {
  /** The rule step's key: the recurring invoice's id derives from it, so a retry finds its row. */
  key: string;
  actor: string;
  tenantId: string;
  opportunityId: string;
  everyMonths: number;
  dayOfMonth?: number;
  at?: string;
  /** Workflow time (ms): the start date is its local date. */
  now: number;
}

/** start-recurring: one active recurring invoice per opportunity; a second start returns it. */
export function startRuleRecurring(deps: ActivityDeps) {
  return (input: RuleRecurringInput) =>
    final(async () => {
      const id = uuidFrom(input.key);
      const v = await startRecurring(recurringContext(deps, input.actor, input.now), {
        id,
        tenantId: input.tenantId,
        opportunityId: input.opportunityId,
        everyMonths: input.everyMonths,
        ...(input.dayOfMonth ? { dayOfMonth: input.dayOfMonth } : {}),
        ...(input.at ? { at: input.at } : {}),
        ifActive: 'return',
      });
      return { id: v.id, scheduleId: v.scheduleId, cadence: v.cadence, nextRuns: v.nextRuns ?? [] };
    });
}

/** stop-recurring: stops the opportunity's active recurring invoices (none: nothing to do). */
export function stopRuleRecurring(deps: ActivityDeps) {
  return (input: { actor: string; tenantId: string; opportunityId: string; now: number }) =>
    final(async () => (await stopForOpportunity(recurringContext(deps, input.actor, input.now), input)).map((v) => v.id));
}

/** Schedules are made with the worker's own client and task queue. */
function recurringContext(deps: ActivityDeps, actor: string, now: number): RecurringContext {
  const ctx = Context.current();
  return { db: deps.db, actor, now: () => new Date(now), schedules: { client: ctx.client, taskQueue: ctx.info.taskQueue } };
}

function uuidFrom(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

async function final<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RecurringError || (err instanceof InvoicingError && err.code !== 'conflict')) {
      throw ApplicationFailure.nonRetryable(err.message, `Recurring:${err.code}`);
    }
    // The time-skipping test server (rules simulate) has no schedules: retrying cannot help.
    const cause = (err as { cause?: { code?: number; message?: string } }).cause;
    if (cause?.code === 12 || /unimplemented/i.test(`${(err as Error).message} ${cause?.message ?? ''}`)) {
      throw ApplicationFailure.nonRetryable(`recurring invoices need Temporal Schedules, which this server does not offer (the time-skipping test server has none): ${cause?.message ?? (err as Error).message}`, 'SchedulesUnavailable');
    }
    throw err;
  }
}
