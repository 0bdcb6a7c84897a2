import { isCalendarDate, localDate } from '../domain/dates.js';
import { toMinor } from '../domain/money.js';
import { applyAllocations } from './allocation.js';
import { InvoicingError, nowOf, type InvoicingContext } from './context.js';
import { transaction } from './numbering.js';
import { findInvoice } from './state.js';
import { toInvoiceView, type InvoiceView } from './view.js';

export interface PaymentInput {
  tenantId: string;
  invoiceId: string;
  /** Minor units; omitted = whatever is still open ("mark paid"). */
  amountMinor?: number;
  /** Calendar date the money arrived; default today in the tenant's time zone. */
  paidOn?: string;
  reference?: string;
}

/**
 * Records money received for a proforma or final invoice: a Payment row, the parts'
 * paid amounts (prepayment first) and the status (partially_paid / paid). Marking a paid
 * invoice paid again changes nothing, so retries are harmless.
 * @example await recordPayment(ctx, { tenantId, invoiceId }) // mark paid in full
 */
export async function recordPayment(ctx: InvoicingContext, input: PaymentInput): Promise<InvoiceView> {
  if (input.paidOn !== undefined && !isCalendarDate(input.paidOn)) throw new InvoicingError('invalid_input', `paidOn: "${input.paidOn}" is not a date (YYYY-MM-DD)`);
  const row = await transaction(ctx.db, async (tx) => {
    const inv = await findInvoice(tx, input.tenantId, input.invoiceId);
    if (inv.kind !== 'proforma' && inv.kind !== 'final') throw new InvoicingError('invalid_input', `a ${inv.kind} is not paid; record payments on invoices and proformas`);
    const gross = toMinor(inv.grossMinor);
    const paid = toMinor(inv.paidMinor);
    if (input.amountMinor === undefined && inv.status === 'paid') return inv;
    const amount = input.amountMinor ?? gross - paid;
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new InvoicingError('invalid_input', `amountMinor: must be a positive integer of minor units, got ${amount}`);
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: inv.tenantId } });
    const paidOn = input.paidOn ?? localDate(nowOf(ctx), tenant.timeZone);
    // The same path as bank imports: parts, status, audit, payment/received and invoice/paid.
    await applyAllocations(tx, ctx, inv.tenantId, [{ invoiceId: inv.id, amountMinor: amount, paidOn, reference: input.reference ?? null, source: 'manual' }]);
    return findInvoice(tx, inv.tenantId, inv.id);
  });
  return toInvoiceView(row);
}
