// Records a rule schedule's `schedule` event for every tenant, in one transaction with the
// deterministic ids `schedule:<ruleId>:<scheduled ISO>:<tenantId>`: a retried activity or a
// second run for the same nominal time records nothing new.
import type { ScheduleFired } from '../src/events/catalog.js';
import { recordEvent } from '../src/events/outbox.js';
import type { ActivityDeps } from './deps.js';

export const scheduleEventId = (ruleId: string, scheduledAt: string, tenantId: string) => `schedule:${ruleId}:${scheduledAt}:${tenantId}`;

export function recordScheduleEvents(deps: ActivityDeps) {
  return async ({ ruleId, scheduledAt }: { ruleId: string; scheduledAt: string }): Promise<string[]> => {
    const tenants = await deps.db.tenant.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    return deps.db.$transaction(async (tx) => {
      const ids: string[] = [];
      for (const t of tenants) {
        const event: ScheduleFired = { type: 'schedule', id: scheduleEventId(ruleId, scheduledAt, t.id), tenantId: t.id, occurredAt: scheduledAt, ruleId, scheduledAt };
        await recordEvent(tx, event);
        ids.push(event.id);
      }
      return ids;
    });
  };
}
