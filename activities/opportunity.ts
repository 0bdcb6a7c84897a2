import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityDeps } from './deps.js';
import { loadFacts, type LoadFactsInput, type RunFacts } from './facts.js';

export interface UpdateOpportunityInput {
  /** Business key (rule + event + step): the status change is recorded once under it. */
  key: string;
  opportunityId: string;
  status?: string;
  fields?: Record<string, string | number | boolean>;
  /** Set when later steps read facts: they come back read after the update, in the same call. */
  reload?: LoadFactsInput;
}

/**
 * Sets status and custom fields. Idempotent: the status change is an OpportunityEvent
 * whose eventId is the key, and merging the same fields twice changes nothing.
 */
export function updateOpportunity(deps: ActivityDeps) {
  return async ({ key, opportunityId, status, fields, reload }: UpdateOpportunityInput): Promise<{ changed: boolean; facts?: RunFacts }> => {
    const changed = await deps.db.$transaction(async (tx) => {
      const opportunity = await tx.opportunity.findUnique({ where: { id: opportunityId } });
      if (!opportunity) throw ApplicationFailure.nonRetryable(`opportunity ${opportunityId} does not exist`, 'NotFound');
      // Only a status change is recorded under the key; fields alone need no lookup.
      const done = status ? await tx.opportunityEvent.findUnique({ where: { eventId: key } }) : null;
      const custom = { ...((opportunity.customFields ?? {}) as Record<string, unknown>), ...fields };
      const statusChange = status && !done && opportunity.status !== status;
      if (statusChange) {
        await tx.opportunityEvent.create({ data: { eventId: key, opportunityId, fromStatus: opportunity.status, toStatus: status } });
      }
      await tx.opportunity.update({
        where: { id: opportunityId },
        data: { ...(statusChange ? { status } : {}), ...(fields ? { customFields: custom as object } : {}) },
      });
      return Boolean(statusChange || fields);
    });
    return { changed, ...(reload ? { facts: await loadFacts(deps)(reload) } : {}) };
  };
}
