import { ApplicationFailure } from '@temporalio/activity';
import { formatMoney } from '../src/domain/money.js';
import type { RecflowEvent } from '../src/events/catalog.js';
import type { ActivityDeps } from './deps.js';
import { isUniqueViolation } from '../src/platform/db.js';
import { localDate } from '../src/domain/dates.js';
import { stableId } from '../src/platform/stable-id.js';
import { OPEN_STATUSES, type InvoiceView } from '../src/invoicing/index.js';
import { customerFacts, daysBetween, type CustomerFacts } from './customer-facts.js';
import { invoiceFacts, readInvoice } from './invoice.js';

/** The facts of a run: what conditions test and templates fill in (src/rules/facts.ts lists them). */
export interface RunFacts {
  /** Absent in runs about an invoice that belongs to no opportunity. */
  opportunity?: {
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
  customer: CustomerFacts;
  event: { id: string; type: string; from: string | null; to: string; occurredAt: string; date: string; level?: number; days?: number; amount?: string };
  run: { approvedBy?: string };
  /** The run's invoice: the subject of an invoice event, or the one a create-invoice step made. */
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
  status?: string;
  remindersSent?: number;
  /** Days past the due date while open; 0 otherwise. */
  daysOverdue?: number;
}

export interface LoadFactsInput {
  event: RecflowEvent;
  /** The invoice the run created, to read its current state (payments change it). */
  invoiceId?: string;
  /** Set on the run's first load: records that the rule fired (once per workflow id). */
  record?: { workflowId: string; ruleId: string; ruleHash: string };
  /** Workflow time (ms): "today" for overdue facts follows the run's clock. */
  now?: number;
}

/** Reads the subject's current facts; reads only, apart from the one-time audit entry. */
export function loadFacts(deps: ActivityDeps) {
  return async ({ event, record, invoiceId, now }: LoadFactsInput): Promise<RunFacts> => {
    const opportunityId = 'opportunityId' in event ? event.opportunityId : undefined;
    const eventInvoiceId = 'invoiceId' in event ? event.invoiceId : undefined;
    if (event.type === 'schedule') return tenantFacts(deps, event);
    if (!opportunityId && !eventInvoiceId) throw ApplicationFailure.nonRetryable(`event ${event.id} (${event.type}) names neither an opportunity nor an invoice`, 'NotFound');
    const opportunity = opportunityId
      ? await deps.db.opportunity.findFirst({ where: { id: opportunityId, tenantId: event.tenantId } })
      : null;
    if (opportunityId && !opportunity) throw ApplicationFailure.nonRetryable(`opportunity ${opportunityId} does not exist`, 'NotFound');
    const tenant = await deps.db.tenant.findUniqueOrThrow({ where: { id: event.tenantId } });
    const today = localDate(new Date(now ?? Date.now()), tenant.timeZone);
    const subjectInvoiceId = invoiceId ?? eventInvoiceId;
    const invoiceView = subjectInvoiceId ? await readInvoice(deps, event.tenantId, subjectInvoiceId) : undefined;
    const customerId = opportunity?.customerId ?? invoiceView?.customerId ?? event.customerId;
    const customer = await deps.db.customer.findFirst({ where: { id: customerId, tenantId: event.tenantId }, include: { contacts: true } });
    if (!customer) throw ApplicationFailure.nonRetryable(`customer ${customerId} does not exist`, 'NotFound');
    const byRole = (role: string) => customer.contacts.filter((c) => c.role === role).map((c) => c.email);
    const main = byRole('main');
    const address = customer.email ? [customer.email] : [];
    if (record) {
      // One entry per run: its id comes from the workflow id and the event that started the
      // run (later runs under a per-subject id have other events), so a retry inserts nothing.
      const entity = opportunity ? { entity: 'opportunity', entityId: opportunity.id } : { entity: 'invoice', entityId: subjectInvoiceId! };
      await deps.db.auditEvent
        .create({
          data: {
            id: stableId(`rule-fired:${record.workflowId}:${event.id}`),
            tenantId: event.tenantId,
            ...entity,
            action: 'rule-fired',
            actor: record.workflowId,
            data: { ruleId: record.ruleId, ruleHash: record.ruleHash, eventId: event.id, eventType: event.type },
          },
        })
        .catch((e: unknown) => {
          if (!isUniqueViolation(e)) throw e;
        });
    }
    const status = event.type === 'opportunity/status-changed' ? event : undefined;
    const invoice = invoiceView ? withMoney({ ...invoiceFacts(invoiceView), ...overdueOf(invoiceView, today) }) : undefined;
    return {
      ...(invoice ? { invoice } : {}),
      ...(opportunity
        ? {
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
          }
        : {}),
      customer: await customerFacts(deps, { ...customer, email: customer.email ?? main[0] ?? '' }, today),
      event: {
        id: event.id,
        type: event.type,
        from: status?.from ?? null,
        to: status?.to ?? opportunity?.status ?? '',
        occurredAt: event.occurredAt,
        date: localDate(new Date(event.occurredAt), tenant.timeZone),
        ...('level' in event ? { level: event.level } : {}),
        ...('days' in event ? { days: event.days } : {}),
        ...((event.type === 'payment/received' || event.type === 'payment/reversed') && event.amountMinor !== undefined && event.currency ? { amount: formatMoney(event.amountMinor, event.currency) } : {}),
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

/**
 * A schedule rule is about the tenant: no opportunity, no invoice; `customer` is the
 * business itself (its name and owner address, nothing overdue), so owner mail and
 * webhooks work and a send-email to a contact fails with "no contact address".
 */
async function tenantFacts(deps: ActivityDeps, event: Extract<RecflowEvent, { type: 'schedule' }>): Promise<RunFacts> {
  const tenant = await deps.db.tenant.findUniqueOrThrow({ where: { id: event.tenantId } });
  const owner = tenant.ownerEmail ? [tenant.ownerEmail] : [];
  return {
    customer: { id: tenant.id, name: tenant.name, email: tenant.ownerEmail ?? '', language: 'en', currency: 'EUR', vatId: tenant.vatId, serviceStatus: 'active', custom: {}, overdueAmount: '', overdueAmountMinor: 0, overdueInvoices: 0, overdueDays: 0, invoicesDue: '', invoicesOverdue: '' } satisfies CustomerFacts,
    event: { id: event.id, type: event.type, from: null, to: '', occurredAt: event.occurredAt, date: localDate(new Date(event.scheduledAt), tenant.timeZone) },
    run: {},
    recipients: { contact: [], accounting: [], owner },
  };
}

function overdueOf(view: InvoiceView, today: string): Pick<InvoiceFacts, 'status' | 'remindersSent' | 'daysOverdue'> {
  const open = OPEN_STATUSES.includes(view.status) && view.openMinor > 0;
  return { status: view.status, remindersSent: view.reminderCount, daysOverdue: open && view.dueDate < today ? daysBetween(view.dueDate, today) : 0 };
}

/** Invoice facts with their amounts formatted for templates. */
export function withMoney(i: InvoiceFacts): NonNullable<RunFacts['invoice']> {
  return { ...i, amount: formatMoney(i.amountMinor, i.currency), openAmount: formatMoney(i.openAmountMinor, i.currency) };
}
