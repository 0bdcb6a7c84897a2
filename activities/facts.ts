import { ApplicationFailure } from '@temporalio/activity';
import { formatMoney } from '../src/domain/money.js';
import type { RecflowEvent } from '../src/events/catalog.js';
import type { ActivityDeps } from './deps.js';
import { invoiceFacts, readInvoice } from './invoice.js';

/** The facts of a run: what conditions test and templates fill in (src/rules/facts.ts lists them). */
export interface RunFacts {
  opportunity: {
    id: string;
    externalId: string;
    title: string;
    status: string;
    pipeline: string;
    /** Formatted, e.g. "RON 1,200.00"; conditions read amountMinor and currency. */
    amount: string;
    amountMinor: number;
    currency: string;
    custom: Record<string, unknown>;
  };
  customer: { id: string; name: string; email: string; language: string; currency: string; vatId: string | null };
  event: { id: string; type: string; from: string | null; to: string; occurredAt: string; date: string };
  run: { approvedBy?: string };
  /** The invoice a create-invoice step made in this run, once there is one. */
  invoice?: InvoiceFacts & { amount: string; openAmount: string };
  /** Addresses per send-email `to:` choice; empty when there is nobody to send to. */
  recipients: { contact: string[]; accounting: string[]; owner: string[] };
}

/** An invoice as rules see it: ids, number, amounts in minor units (formatted in RunFacts). */
export interface InvoiceFacts {
  id: string;
  kind: string;
  number: string;
  currency: string;
  dueDate: string;
  amountMinor: number;
  openAmountMinor: number;
}

export interface LoadFactsInput {
  event: RecflowEvent;
  /** The invoice the run created, to read its current state (payments change it). */
  invoiceId?: string;
  /** Set on the run's first load: records that the rule fired (once per workflow id). */
  record?: { workflowId: string; ruleId: string; ruleHash: string };
}

/** Reads the subject's current facts; reads only, apart from the one-time audit entry. */
export function loadFacts(deps: ActivityDeps) {
  return async ({ event, record, invoiceId }: LoadFactsInput): Promise<RunFacts> => {
    if (!('opportunityId' in event) || !event.opportunityId) {
      throw ApplicationFailure.nonRetryable(`events about ${event.type} carry no opportunity; invoice facts are not built yet`, 'NotAvailable');
    }
    const opportunity = await deps.db.opportunity.findUnique({
      where: { id: event.opportunityId },
      include: { customer: { include: { contacts: true } }, tenant: true },
    });
    if (!opportunity) throw ApplicationFailure.nonRetryable(`opportunity ${event.opportunityId} does not exist`, 'NotFound');
    const { customer, tenant } = opportunity;
    const byRole = (role: string) => customer.contacts.filter((c) => c.role === role).map((c) => c.email);
    const main = byRole('main');
    const address = customer.email ? [customer.email] : [];
    if (record) {
      // Retried activities and replays must not add a second entry.
      const seen = await deps.db.auditEvent.findFirst({ where: { actor: record.workflowId, action: 'rule-fired' } });
      if (!seen) {
        await deps.db.auditEvent.create({
          data: {
            tenantId: opportunity.tenantId,
            entity: 'opportunity',
            entityId: opportunity.id,
            action: 'rule-fired',
            actor: record.workflowId,
            data: { ruleId: record.ruleId, ruleHash: record.ruleHash, eventId: event.id, eventType: event.type },
          },
        });
      }
    }
    const status = event.type === 'opportunity/status-changed' ? event : undefined;
    const invoice = invoiceId ? withMoney(invoiceFacts(await readInvoice(deps, opportunity.tenantId, invoiceId))) : undefined;
    return {
      ...(invoice ? { invoice } : {}),
      opportunity: {
        id: opportunity.id,
        externalId: opportunity.externalId,
        title: opportunity.title,
        status: opportunity.status,
        pipeline: opportunity.pipeline,
        amount: formatMoney(opportunity.amountMinor, opportunity.currency),
        amountMinor: opportunity.amountMinor,
        currency: opportunity.currency,
        custom: (opportunity.customFields ?? {}) as Record<string, unknown>,
      },
      customer: {
        id: customer.id,
        name: customer.name,
        email: customer.email ?? main[0] ?? '',
        language: customer.language,
        currency: customer.currency,
        vatId: customer.vatId,
      },
      event: {
        id: event.id,
        type: event.type,
        from: status?.from ?? null,
        to: status?.to ?? opportunity.status,
        occurredAt: event.occurredAt,
        date: event.occurredAt.slice(0, 10),
      },
      run: {},
      recipients: {
        contact: main.length ? main.slice(0, 1) : address,
        accounting: byRole('accounting').length ? byRole('accounting') : main.length ? main.slice(0, 1) : address,
        owner: tenant.ownerEmail ? [tenant.ownerEmail] : [],
      },
    };
  };
}

/** Invoice facts with their amounts formatted for templates. */
export function withMoney(i: InvoiceFacts): NonNullable<RunFacts['invoice']> {
  return { ...i, amount: formatMoney(i.amountMinor, i.currency), openAmount: formatMoney(i.openAmountMinor, i.currency) };
}
