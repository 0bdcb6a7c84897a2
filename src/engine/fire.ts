import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import type { RecflowEvent } from '../events/catalog.js';
import { rulesFor, type CompiledRule } from '../rules/sample-rule.js';
import { searchAttributePairs } from '../platform/search-attributes.js';
import type { RuleRunInput } from '../../workflows/types.js';

export interface FiredRun {
  ruleId: string;
  workflowId: string;
  /** False when this event had already started this rule's run. */
  started: boolean;
}

/** Deterministic: the same event delivered twice maps to the same workflow id. Event ids are already scoped by their subject. */
export function workflowIdFor(ruleId: string, eventId: string): string {
  return `rule/${ruleId}/${eventId}`;
}

/** Starts one run per rule the event fires; a repeated event starts nothing new. */
export async function fireEvent(
  client: Client,
  taskQueue: string,
  rules: CompiledRule[],
  event: RecflowEvent,
): Promise<FiredRun[]> {
  const runs: FiredRun[] = [];
  for (const compiled of rulesFor(rules, event)) {
    const { rule, hash } = compiled;
    const workflowId = workflowIdFor(rule.id, event.id);
    const input: RuleRunInput = {
      rule: { id: rule.id, hash, document: rule.document, email: rule.email },
      event,
    };
    try {
      await client.workflow.start('opportunityRule', {
        workflowId,
        taskQueue,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: new TypedSearchAttributes(
          searchAttributePairs({
            RuleId: rule.id,
            RuleHash: hash,
            OpportunityId: event.opportunityId,
            CustomerId: event.customerId,
            SubjectId: `opportunity:${event.opportunityId}`,
          }),
        ),
        staticSummary: `${rule.id}: opportunity ${event.opportunityId} ${event.from ?? '(new)'} → ${event.to}`,
        staticDetails: `Rule **${rule.id}** (version ${hash}) from ${compiled.file}\n\nEvent ${event.type} ${event.id} at ${event.occurredAt}`,
      });
      runs.push({ ruleId: rule.id, workflowId, started: true });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      runs.push({ ruleId: rule.id, workflowId, started: false });
    }
  }
  return runs;
}
