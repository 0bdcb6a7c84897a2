// A person's corrections, each in one transaction with its audit row and domain events:
// undo one allocation (the others of the transaction stay), allocate a transaction (or
// what is left of it) to an invoice, or mark it ignored.
import { formatMoney, toMinor } from '../domain/money.js';
import { applyAllocations, reverseAllocation } from '../invoicing/allocation.js';
import { InvoicingError, nowOf, type InvoicingContext } from '../invoicing/context.js';
import { transaction } from '../invoicing/numbering.js';
import type { DbTransaction } from '../platform/db.js';
import { localDate } from '../domain/dates.js';
import { getTransaction, type TransactionView } from './queries.js';

export interface UndoResult {
  paymentId: string;
  invoiceId: string;
  /** The invoice's status and paid amount once the payment no longer counts. */
  invoiceStatus: string;
  invoicePaidMinor: number;
  transaction: TransactionView | null;
}

/** Undoes one allocation; its amount goes back to the transaction, which lands in review. */
export async function undoAllocation(ctx: InvoicingContext, ref: { tenantId: string; paymentId: string }): Promise<UndoResult> {
  const r = await transaction(ctx.db, async (tx) => {
    const undone = await reverseAllocation(tx, ctx, ref.tenantId, ref.paymentId);
    if (undone.transactionId) {
      const reason = `${formatMoney(undone.amountMinor, await currencyOf(tx, undone.transactionId))} to ${undone.number ?? undone.invoiceId} undone by ${ctx.actor}`;
      await tx.bankTransaction.update({ where: { id: undone.transactionId }, data: { outcome: 'review', reason } });
      await audit(tx, ctx, ref.tenantId, undone.transactionId, 'allocation-undone', { paymentId: ref.paymentId, invoiceId: undone.invoiceId, amountMinor: undone.amountMinor });
    }
    return undone;
  });
  return {
    paymentId: r.paymentId, invoiceId: r.invoiceId, invoiceStatus: r.status, invoicePaidMinor: r.paidMinor,
    transaction: r.transactionId ? await getTransaction(ctx, { tenantId: ref.tenantId, transactionId: r.transactionId }) : null,
  };
}

export interface AllocateInput {
  tenantId: string;
  transactionId: string;
  /** The invoice's id or its number (INV-2026-0001). */
  invoice: string;
  /** Default: what is unallocated, at most what the invoice still owes. */
  amountMinor?: number;
}

/**
 * Allocates a transaction, or its unallocated remainder, to one invoice (source "override").
 * The payer's IBAN is remembered for the invoice's customer, so the next import matches it.
 */
export async function allocateTransaction(ctx: InvoicingContext, input: AllocateInput): Promise<TransactionView> {
  await transaction(ctx.db, async (tx) => {
    const bt = await tx.bankTransaction.findFirst({ where: { id: input.transactionId, tenantId: input.tenantId }, include: { payments: true } });
    if (!bt) throw new InvoicingError('not_found', `no bank transaction ${input.transactionId}`);
    const amount = toMinor(bt.amountMinor);
    if (amount <= 0) throw new InvoicingError('invalid_input', `transaction ${bt.id} is money that went out (${formatMoney(amount, bt.currency)}); only incoming payments are allocated`);
    const allocated = bt.payments.filter((p) => !p.reversedAt).reduce((s, p) => s + toMinor(p.amountMinor), 0);
    const unallocated = amount - allocated - toMinor(bt.creditMinor);
    if (unallocated <= 0) throw new InvoicingError('invalid_state', `transaction ${bt.id} is fully allocated; undo an allocation first`);
    const inv = await tx.invoice.findFirst({ where: { tenantId: input.tenantId, OR: [{ id: input.invoice }, { number: input.invoice }] } });
    if (!inv) throw new InvoicingError('not_found', `no invoice ${input.invoice}`);
    const open = toMinor(inv.grossMinor) - toMinor(inv.paidMinor);
    const take = input.amountMinor ?? Math.min(unallocated, open);
    const label = inv.number ?? inv.id;
    if (take > unallocated) throw new InvoicingError('invalid_input', `amountMinor: ${formatMoney(take, bt.currency)} is more than the ${formatMoney(unallocated, bt.currency)} still unallocated`);
    if (take > open) throw new InvoicingError('invalid_input', `amountMinor: ${label} owes only ${formatMoney(open, inv.currency)}`);
    const [applied] = await applyAllocations(tx, ctx, input.tenantId, [
      { invoiceId: inv.id, amountMinor: take, paidOn: bt.bookingDate, reference: bt.reference, source: 'override', transactionId: bt.id, currency: bt.currency },
    ]);
    const left = unallocated - take;
    await tx.bankTransaction.update({
      where: { id: bt.id },
      data: { outcome: left === 0 ? 'manual' : 'review', reason: left === 0 ? `allocated by ${ctx.actor}` : `${formatMoney(left, bt.currency)} still unallocated`, customerId: inv.customerId },
    });
    if (bt.payerIban) await rememberIban(tx, inv.customerId, bt.payerIban);
    await audit(tx, ctx, input.tenantId, bt.id, 'allocated', { paymentId: applied!.paymentId, invoiceId: inv.id, amountMinor: take });
  });
  return getTransaction(ctx, input);
}

/** Marks a transaction ignored (not a customer payment: a refund, a fee, a transfer). */
export async function ignoreTransaction(ctx: InvoicingContext, ref: { tenantId: string; transactionId: string; reason?: string }): Promise<TransactionView> {
  await transaction(ctx.db, async (tx) => {
    const bt = await tx.bankTransaction.findFirst({ where: { id: ref.transactionId, tenantId: ref.tenantId }, include: { payments: { where: { reversedAt: null } } } });
    if (!bt) throw new InvoicingError('not_found', `no bank transaction ${ref.transactionId}`);
    if (bt.payments.length > 0) throw new InvoicingError('invalid_state', `transaction ${bt.id} has ${bt.payments.length} allocation(s); undo them first (POST /v1/allocations/<paymentId>/undo)`);
    const today = localDate(nowOf(ctx), (await tx.tenant.findUniqueOrThrow({ where: { id: ref.tenantId } })).timeZone);
    await tx.bankTransaction.update({ where: { id: bt.id }, data: { outcome: 'ignored', reason: `ignored by ${ctx.actor} on ${today}${ref.reason ? `: ${ref.reason}` : ''}` } });
    await audit(tx, ctx, ref.tenantId, bt.id, 'ignored', { from: bt.outcome, reason: ref.reason ?? null });
  });
  return getTransaction(ctx, ref);
}

async function rememberIban(tx: DbTransaction, customerId: string, iban: string): Promise<void> {
  const known = await tx.customerBankAccount.findFirst({ where: { customerId, iban } });
  if (!known) await tx.customerBankAccount.create({ data: { customerId, iban } });
}

async function currencyOf(tx: DbTransaction, transactionId: string): Promise<string> {
  return (await tx.bankTransaction.findUniqueOrThrow({ where: { id: transactionId }, select: { currency: true } })).currency;
}

async function audit(tx: DbTransaction, ctx: InvoicingContext, tenantId: string, transactionId: string, action: string, data: Record<string, unknown>): Promise<void> {
  await tx.auditEvent.create({ data: { tenantId, entity: 'bank-transaction', entityId: transactionId, action, actor: ctx.actor, data: data as object } });
}
