import { ApplicationFailure } from '@temporalio/activity';
import type { OpportunityStatusChanged } from '../src/events/catalog.js';
import type { ActivityDeps, OpportunityFacts } from './deps.js';

export interface RecordStatusChangeInput {
  event: OpportunityStatusChanged;
  workflowId: string;
  ruleId: string;
  ruleHash: string;
}

/** Records that the rule fired (once per run) and returns the facts templates need. */
export function recordStatusChange(deps: ActivityDeps) {
  return async ({ event, workflowId, ruleId, ruleHash }: RecordStatusChangeInput): Promise<OpportunityFacts> => {
    const opportunity = await deps.db.opportunity.findUnique({
      where: { id: event.opportunityId },
      include: { customer: { include: { contacts: true } } },
    });
    if (!opportunity) {
      throw ApplicationFailure.nonRetryable(`opportunity ${event.opportunityId} does not exist`, 'NotFound');
    }
    const { customer } = opportunity;
    const contact = customer.contacts.find((c) => c.role === 'accounting') ?? customer.contacts.find((c) => c.role === 'main');
    const email = contact?.email ?? customer.email;
    if (!email) {
      throw ApplicationFailure.nonRetryable(`customer ${customer.id} has no email address and no contact`, 'NoRecipient');
    }
    // The API recorded the event itself; the run adds its audit entry once, even when
    // this activity is retried.
    const seen = await deps.db.auditEvent.findFirst({ where: { actor: workflowId, action: 'rule-fired' } });
    if (!seen) {
      await deps.db.auditEvent.create({
        data: {
          tenantId: opportunity.tenantId,
          entity: 'opportunity',
          entityId: opportunity.id,
          action: 'rule-fired',
          actor: workflowId,
          data: { ruleId, ruleHash, eventId: event.id, from: event.from, to: event.to },
        },
      });
    }
    return {
      opportunity: {
        id: opportunity.id,
        externalId: opportunity.externalId,
        title: opportunity.title,
        status: opportunity.status,
        amountMinor: opportunity.amountMinor,
        currency: opportunity.currency,
      },
      customer: { id: customer.id, name: customer.name, email, language: customer.language },
      event: { id: event.id, from: event.from, to: event.to, occurredAt: event.occurredAt },
    };
  };
}
