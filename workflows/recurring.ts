// One period of a recurring invoice, started by its Temporal Schedule (recurring/<id>).
// The period comes from the schedule's nominal time (TemporalScheduledStartTime), not from
// when the run happens to execute: a run caught up after an outage, or a backfill, issues
// the period it was scheduled for. Each activity is keyed by recurring id + period.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { proxyActivities, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';

const { issueRecurringPeriod, renderRecurringInvoice, mailRecurringInvoice } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

const scheduledStart = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export interface RecurringPeriodInput {
  recurringId: string;
  tenantId: string;
  /** For runs not started by the schedule (tests, replays): the nominal time, ISO. */
  scheduledAt?: string;
}

export interface RecurringPeriodResult {
  period: string;
  status: 'issued' | 'skipped';
  why?: string;
  number?: string;
  mail?: { status: string; to: string[]; key: string };
}

export async function recurringInvoicePeriod(input: RecurringPeriodInput): Promise<RecurringPeriodResult> {
  const info = workflowInfo();
  const scheduledAt = (input.scheduledAt ? new Date(input.scheduledAt) : info.typedSearchAttributes.get(scheduledStart) ?? info.runStartTime).toISOString();
  setCurrentDetails(`recurring invoice ${input.recurringId}, scheduled ${scheduledAt}: issuing`);
  const issued = await issueRecurringPeriod.executeWithOptions({ summary: `issue the invoice of the period scheduled ${scheduledAt}` }, [
    { tenantId: input.tenantId, recurringId: input.recurringId, scheduledAt, now: Date.now(), actor: info.workflowId },
  ]);
  if (issued.status === 'skipped') {
    setCurrentDetails(`${issued.period}: nothing issued (${issued.why})`);
    return { period: issued.period, status: 'skipped', why: issued.why };
  }
  setCurrentDetails(`${issued.period}: ${issued.number} issued; mailing`);
  const ref = { tenantId: input.tenantId, recurringId: input.recurringId, period: issued.period, invoiceId: issued.invoiceId };
  const pdf = await renderRecurringInvoice.executeWithOptions({ summary: `render ${issued.number}` }, [ref]);
  const mail = await mailRecurringInvoice.executeWithOptions({ summary: `mail ${issued.number}` }, [{ ...ref, pdf }]);
  setCurrentDetails(`${issued.period}: ${issued.number} ${mail.status === 'sent' ? `mailed to ${mail.to.join(', ')}` : mail.status}`);
  return { period: issued.period, status: 'issued', number: issued.number, mail: { status: mail.status, to: mail.to, key: mail.key } };
}
