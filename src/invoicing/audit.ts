import type { DbTransaction } from '../platform/db.js';

/** Appends one audit row for an invoice state change; in the caller's transaction. */
export async function auditInvoice(
  tx: DbTransaction,
  e: { tenantId: string; invoiceId: string; action: string; actor: string; data?: Record<string, unknown> },
): Promise<void> {
  await tx.auditEvent.create({
    data: { tenantId: e.tenantId, entity: 'invoice', entityId: e.invoiceId, action: e.action, actor: e.actor, data: (e.data ?? {}) as object },
  });
}
