// One Temporal Schedule per recurring invoice, id `recurring/<id>`. Each action starts
// recurringInvoicePeriod, which issues the period's invoice once (Invoice.sourceKey).
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { searchAttributePairs } from '../platform/search-attributes.js';
import type { recurringInvoicePeriod } from '../../workflows/recurring.js';
import { describeCadence, scheduleSpec, type Cadence } from './spec.js';

export interface ScheduleTarget {
  client: Client;
  taskQueue: string;
}

export interface RecurringScheduleInput extends Cadence {
  id: string;
  tenantId: string;
  customerId: string;
  customerName: string;
  opportunityId?: string | null;
}

export const scheduleIdFor = (id: string) => `recurring/${id}`;

/**
 * Creates the schedule; an existing one with the same id (a retried start) is left as is.
 * Overlap BUFFER_ALL: after an outage the missed periods run one after the other, each once,
 * in order (their numbers follow the periods). Catch-up window one year: a period missed
 * while Temporal was down is still issued when it returns.
 */
export async function createRecurringSchedule(t: ScheduleTarget, r: RecurringScheduleInput): Promise<string> {
  const scheduleId = scheduleIdFor(r.id);
  const summary = `Recurring invoice for ${r.customerName}: ${describeCadence(r)} (${r.timeZone})`;
  try {
    await t.client.schedule.create({
      scheduleId,
      spec: scheduleSpec(r),
      action: {
        type: 'startWorkflow',
        workflowType: 'recurringInvoicePeriod' satisfies (typeof recurringInvoicePeriod)['name'],
        // The server appends the scheduled time to this id, so each period's run has its own.
        workflowId: `${scheduleId}/period`,
        taskQueue: t.taskQueue,
        args: [{ recurringId: r.id, tenantId: r.tenantId }] satisfies Parameters<typeof recurringInvoicePeriod>,
        staticSummary: summary,
        typedSearchAttributes: new TypedSearchAttributes(
          searchAttributePairs({ CustomerId: r.customerId, SubjectId: `recurring:${r.id}`, ...(r.opportunityId ? { OpportunityId: r.opportunityId } : {}) }),
        ),
        memo: { tenantId: r.tenantId, recurringId: r.id },
      },
      policies: { overlap: 'BUFFER_ALL', catchupWindow: '365 days' },
      memo: { tenantId: r.tenantId, recurringId: r.id, customer: r.customerName, summary },
      state: { note: summary },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  return scheduleId;
}

/** Deletes the schedule; one that is already gone is fine (stopping twice is harmless). */
export async function deleteSchedule(t: Pick<ScheduleTarget, 'client'>, scheduleId: string): Promise<boolean> {
  try {
    await t.client.schedule.getHandle(scheduleId).delete();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}

/** The next few run times (ISO), or null when the schedule does not exist (stopped). */
export async function nextRuns(t: Pick<ScheduleTarget, 'client'>, scheduleId: string, count = 3): Promise<string[] | null> {
  try {
    const d = await t.client.schedule.getHandle(scheduleId).describe();
    return d.info.nextActionTimes.slice(0, count).map((x) => x.toISOString());
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}
