// A rule's schedule came due (src/engine/schedules.ts): record the `schedule` event, one per
// tenant, keyed by rule and nominal time. The event dispatcher fires the rule from the
// outbox, so the run starts from the rules in force, retried like any other event.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';

const { recordScheduleEvents } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

const scheduledStart = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export interface RuleScheduleInput {
  ruleId: string;
  /** The rule's version when the schedule was last synced (the run itself uses the rule in force). */
  ruleHash: string;
  timeZone: string;
}

export async function ruleScheduleFired(input: RuleScheduleInput): Promise<{ scheduledAt: string; eventIds: string[] }> {
  const info = workflowInfo();
  const scheduledAt = (info.typedSearchAttributes.get(scheduledStart) ?? info.runStartTime).toISOString();
  const eventIds = await recordScheduleEvents.executeWithOptions({ summary: `record schedule events of rule ${input.ruleId}` }, [{ ruleId: input.ruleId, scheduledAt }]);
  return { scheduledAt, eventIds };
}
