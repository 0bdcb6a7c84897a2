import { isCalendarDate } from '../domain/dates.js';
import { splitParts, type Prepayment } from '../domain/parts.js';
import { auditInvoice } from './audit.js';
import { InvoicingError, type InvoicingContext } from './context.js';
import { lineRows, resolveLines, type LineDraft } from './lines.js';
import { transaction } from './numbering.js';
import { findInvoice } from './state.js';
import { invoiceInclude, toInvoiceView, type InvoiceView } from './view.js';

export interface DraftChanges {
  lines?: LineDraft[];
  dueDate?: string;
  prepayment?: Prepayment | null;
  notes?: string | null;
}

/** Edits a draft. Issued invoices are frozen: correct them with a credit note or cancel them. */
export async function updateDraft(ctx: InvoicingContext, ref: { tenantId: string; invoiceId: string }, changes: DraftChanges): Promise<InvoiceView> {
  const row = await transaction(ctx.db, async (tx) => {
    const inv = await findInvoice(tx, ref.tenantId, ref.invoiceId);
    if (inv.status !== 'draft') throw new InvoicingError('invalid_state', `invoice ${inv.number ?? inv.id} is ${inv.status}; an issued invoice cannot be edited (cancel it or issue a credit note)`);
    const dueDate = changes.dueDate ?? inv.dueDate;
    if (!isCalendarDate(dueDate)) throw new InvoicingError('invalid_input', `dueDate: "${dueDate}" is not a date (YYYY-MM-DD)`);
    const { totals, rows } = changes.lines
      ? lineRows(await resolveLines(tx, ref.tenantId, changes.lines))
      : lineRows(inv.lines.map((l) => ({ ...l, unitPriceMinor: Number(l.unitPriceMinor) })));
    const oldPrepayment = inv.parts.find((p) => p.kind === 'prepayment');
    const prepayment = changes.prepayment === undefined ? (oldPrepayment ? { amountMinor: Number(oldPrepayment.amountMinor), dueDate: oldPrepayment.dueDate } : undefined) : (changes.prepayment ?? undefined);
    let parts;
    try {
      parts = splitParts(totals.grossMinor, dueDate, prepayment);
    } catch (e) {
      throw new InvoicingError('invalid_input', `prepayment: ${(e as Error).message}`);
    }
    if (changes.lines) {
      await tx.invoiceLine.deleteMany({ where: { invoiceId: inv.id } });
      await tx.invoiceLine.createMany({ data: rows.map((r) => ({ ...r, invoiceId: inv.id })) });
    }
    await tx.invoicePart.deleteMany({ where: { invoiceId: inv.id } });
    await tx.invoicePart.createMany({ data: parts.map((p) => ({ ...p, invoiceId: inv.id })) });
    await auditInvoice(tx, { tenantId: inv.tenantId, invoiceId: inv.id, action: 'edited', actor: ctx.actor, data: { fields: Object.keys(changes) } });
    return tx.invoice.update({
      where: { id: inv.id },
      data: {
        dueDate,
        ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
        netMinor: totals.netMinor,
        taxMinor: totals.taxMinor,
        grossMinor: totals.grossMinor,
        taxBreakdown: totals.taxBreakdown as unknown as object,
      },
      include: invoiceInclude,
    });
  });
  return toInvoiceView(row);
}
