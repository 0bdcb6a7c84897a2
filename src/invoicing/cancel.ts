import { localDate, yearOf } from '../domain/dates.js';
import { formatInvoiceNumber } from '../domain/numbering.js';
import { negateLines } from '../domain/totals.js';
import { toMinor } from '../domain/money.js';
import type { DbTransaction } from '../platform/db.js';
import { auditInvoice } from './audit.js';
import { nowOf, type InvoicingContext } from './context.js';
import { lineRows } from './lines.js';
import { nextSequence, transaction } from './numbering.js';
import { changeStatus, findInvoice } from './state.js';
import { invoiceInclude, toInvoiceView, type InvoiceRow, type InvoiceView } from './view.js';

/**
 * Cancels an invoice. An issued final invoice or credit note keeps its number and gets a
 * storno: a new invoice in the same series with every line negated, referencing it. A
 * draft or proforma is just cancelled. Cancelling twice returns the first result.
 */
export async function cancelInvoice(
  ctx: InvoicingContext,
  ref: { tenantId: string; invoiceId: string; reason?: string },
): Promise<{ invoice: InvoiceView; storno: InvoiceView | null }> {
  const result = await transaction(ctx.db, async (tx) => {
    const row = await findInvoice(tx, ref.tenantId, ref.invoiceId);
    if (row.status === 'cancelled') {
      const storno = await tx.invoice.findFirst({ where: { referenceId: row.id, kind: 'storno' }, include: invoiceInclude });
      return { invoice: row, storno };
    }
    const now = nowOf(ctx);
    const cancelled = await changeStatus(tx, ctx, row, { type: 'cancel' }, { cancelledAt: now }, { reason: ref.reason ?? null });
    const needsStorno = row.number !== null && (row.kind === 'final' || row.kind === 'credit_note');
    return { invoice: cancelled, storno: needsStorno ? await createStorno(tx, ctx, row, now) : null };
  });
  return { invoice: toInvoiceView(result.invoice), storno: result.storno ? toInvoiceView(result.storno) : null };
}

async function createStorno(tx: DbTransaction, ctx: InvoicingContext, original: InvoiceRow, now: Date): Promise<InvoiceRow> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: original.tenantId } });
  const issueDate = localDate(now, tenant.timeZone);
  const year = yearOf(issueDate);
  const seq = await nextSequence(tx, { tenantId: original.tenantId, series: original.series, year });
  const number = formatInvoiceNumber({ series: original.series, year, seq });
  const lines = negateLines(original.lines.map((l) => ({ ...l, unitPriceMinor: toMinor(l.unitPriceMinor) })));
  const { totals, rows } = lineRows(lines.map(({ position, productId, description, unit, quantityMilli, unitPriceMinor, discountBp, taxRateBp }) => ({ position, productId, description, unit, quantityMilli, unitPriceMinor, discountBp, taxRateBp })));
  const storno = await tx.invoice.create({
    data: {
      tenantId: original.tenantId,
      customerId: original.customerId,
      kind: 'storno',
      series: original.series,
      year,
      seq,
      number,
      // Nothing to collect: a storno is settled by the cancellation itself.
      status: 'issued',
      dispatch: original.dispatch,
      issueDate,
      dueDate: issueDate,
      currency: original.currency,
      language: original.language,
      netMinor: totals.netMinor,
      taxMinor: totals.taxMinor,
      grossMinor: totals.grossMinor,
      paidMinor: totals.grossMinor,
      taxBreakdown: totals.taxBreakdown as unknown as object,
      referenceId: original.id,
      opportunityId: original.opportunityId,
      issuedAt: now,
      lines: { create: rows },
      parts: { create: [{ kind: 'remaining', amountMinor: totals.grossMinor, paidMinor: totals.grossMinor, dueDate: issueDate }] },
    },
    include: invoiceInclude,
  });
  await auditInvoice(tx, { tenantId: original.tenantId, invoiceId: storno.id, action: 'issued', actor: ctx.actor, data: { number, cancels: original.number } });
  return storno;
}
