import { ApplicationFailure } from '@temporalio/activity';
import { localDate } from '../src/domain/dates.js';
import { toMinor } from '../src/domain/money.js';
import { OPEN_STATUSES } from '../src/invoicing/index.js';
import type { DbTransaction } from '../src/platform/db.js';
import type { ActivityDeps } from './deps.js';
import { loadFacts, type LoadFactsInput, type RunFacts } from './facts.js';

export interface UpdateCustomerInput {
  /** Business key (rule + event + step): a retry returns what the first attempt did. */
  key: string;
  tenantId: string;
  customerId: string;
  fields?: Record<string, string | number | boolean>;
  service?: 'active' | 'suspended';
  /** Workflow time (ms): "overdue" is judged on the run's day. */
  now: number;
  /** Set when later steps read facts: they come back read after the update, in the same call. */
  reload?: LoadFactsInput;
}

export interface UpdateCustomerResult {
  /** False when the service status was asked for and nothing changed; `reason` says why. */
  changed: boolean;
  reason?: string;
  serviceStatus: string;
  facts?: RunFacts;
}

/**
 * Merges custom fields and sets the service status. Suspending re-checks, in the same
 * transaction, that the customer still has an open overdue invoice: a customer who paid
 * everything meanwhile is never suspended. Idempotent by key (an audit entry per key).
 */
export function updateCustomer(deps: ActivityDeps) {
  return async (input: UpdateCustomerInput): Promise<UpdateCustomerResult> => {
    const result = await applyCustomerUpdate(deps, input);
    return input.reload ? { ...result, facts: await loadFacts(deps)(input.reload) } : result;
  };
}

function applyCustomerUpdate(deps: ActivityDeps, input: UpdateCustomerInput): Promise<UpdateCustomerResult> {
  return deps.db.$transaction(async (tx) => {
    const customer = await tx.customer.findFirst({ where: { id: input.customerId, tenantId: input.tenantId } });
    if (!customer) throw ApplicationFailure.nonRetryable(`customer ${input.customerId} does not exist`, 'NotFound');
    const done = await tx.auditEvent.findFirst({ where: { entity: 'customer', entityId: customer.id, action: 'rule-update', actor: input.key } });
    if (done) return (done.data as unknown as { result: UpdateCustomerResult }).result;
    let result: UpdateCustomerResult = { changed: false, serviceStatus: customer.serviceStatus };
    const now = new Date(input.now);
    if (input.service && input.service !== customer.serviceStatus) {
      const overdue = input.service === 'suspended' ? await overdueInvoices(tx, customer, now) : 1;
      if (overdue === 0) result = { changed: false, reason: 'nothing is overdue any more', serviceStatus: customer.serviceStatus };
      else {
        await tx.customer.update({ where: { id: customer.id }, data: { serviceStatus: input.service, suspendedAt: input.service === 'suspended' ? now : null } });
        result = { changed: true, serviceStatus: input.service };
      }
    } else if (input.service) result = { changed: false, reason: `already ${input.service}`, serviceStatus: customer.serviceStatus };
    if (input.fields) {
      const custom = { ...((customer.customFields ?? {}) as Record<string, unknown>), ...input.fields };
      await tx.customer.update({ where: { id: customer.id }, data: { customFields: custom as object } });
      if (!input.service) result = { ...result, changed: true };
    }
    await tx.auditEvent.create({
      data: {
        tenantId: customer.tenantId, entity: 'customer', entityId: customer.id, action: 'rule-update', actor: input.key,
        data: { fields: input.fields ?? null, service: input.service ?? null, from: customer.serviceStatus, result } as object,
      },
    });
    return result;
  });
}

async function overdueInvoices(tx: DbTransaction, customer: { id: string; tenantId: string }, now: Date): Promise<number> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: customer.tenantId } });
  const today = localDate(now, tenant.timeZone);
  const open = await tx.invoice.findMany({
    where: { customerId: customer.id, status: { in: OPEN_STATUSES }, kind: { in: ['proforma', 'final'] }, dueDate: { lt: today } },
    select: { grossMinor: true, paidMinor: true },
  });
  return open.filter((i) => toMinor(i.grossMinor) > toMinor(i.paidMinor)).length;
}
