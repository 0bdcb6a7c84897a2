// Applies one status event to a stored invoice: the domain machine decides, the update is
// guarded by the status it was read with (a concurrent change makes it a conflict), and
// the change is audited in the same transaction.
import { InvalidTransition, transition, type InvoiceEvent, type InvoiceStatus } from '../domain/invoice-status.js';
import type { InvoiceEvent as DomainEvent } from '../events/catalog.js';
import { recordEvent } from '../events/outbox.js';
import type { DbTransaction, Prisma } from '../platform/db.js';
import { auditInvoice } from './audit.js';
import { InvoicingError, nowOf, type InvoicingContext } from './context.js';
import { invoiceInclude, type InvoiceRow } from './view.js';

export async function findInvoice(tx: DbTransaction, tenantId: string, invoiceId: string): Promise<InvoiceRow> {
  const row = await tx.invoice.findFirst({ where: { id: invoiceId, tenantId }, include: invoiceInclude });
  if (!row) throw new InvoicingError('not_found', `no invoice ${invoiceId}`);
  return row;
}

/** applyStatus, then the invoice as it is now. */
export async function changeStatus(...args: Parameters<typeof applyStatus>): Promise<InvoiceRow> {
  await applyStatus(...args);
  return args[0].invoice.findUniqueOrThrow({ where: { id: args[2].id }, include: invoiceInclude });
}

export async function applyStatus(
  tx: DbTransaction,
  ctx: InvoicingContext,
  row: InvoiceRow,
  event: InvoiceEvent,
  extra: Prisma.InvoiceUpdateManyMutationInput = {},
  auditData: Record<string, unknown> = {},
): Promise<void> {
  let next;
  try {
    next = transition({ status: row.status as InvoiceStatus, reminderCount: row.reminderCount }, event);
  } catch (e) {
    if (e instanceof InvalidTransition) throw new InvoicingError('invalid_state', `invoice ${row.number ?? row.id}: ${e.message}`);
    throw e;
  }
  const { count } = await tx.invoice.updateMany({
    where: { id: row.id, status: row.status },
    data: { ...extra, status: next.status, reminderCount: next.reminderCount },
  });
  if (count !== 1) throw new InvoicingError('conflict', `invoice ${row.id} changed while ${event.type} was applied; read it again`);
  await auditInvoice(tx, {
    tenantId: row.tenantId,
    invoiceId: row.id,
    action: event.type,
    actor: ctx.actor,
    data: { from: row.status, to: next.status, ...auditData },
  });
  if (next.status === 'paid' && row.status !== 'paid') {
    await recordEvent(tx, { ...eventBase(row, ctx), type: 'invoice/paid', id: `invoice:${row.id}:paid` });
  }
}

/**
 * The fields every invoice event carries; the opportunity too when the invoice has one, so
 * runs about the opportunity get it. Written with recordEvent in the caller's transaction.
 */
export function eventBase(row: Pick<InvoiceRow, 'id' | 'tenantId' | 'customerId' | 'opportunityId'>, ctx: InvoicingContext): Omit<DomainEvent, 'type' | 'id'> {
  return {
    tenantId: row.tenantId,
    customerId: row.customerId,
    invoiceId: row.id,
    ...(row.opportunityId ? { opportunityId: row.opportunityId } : {}),
    occurredAt: nowOf(ctx).toISOString(),
  };
}
