// Invoices made from other records: a proforma from a CRM opportunity, the final invoice
// from its proforma, a credit note for an issued invoice. Each has a default source key,
// so calling it again (a retried activity) returns the first result.
import { formatQuantity } from '../domain/quantity.js';
import { toMinor } from '../domain/money.js';
import { allocateToParts, type Prepayment } from '../domain/parts.js';
import { InvoicingError, type InvoicingContext } from './context.js';
import { createDraftIn } from './create.js';
import { issueInvoice } from './issue.js';
import type { LineDraft } from './lines.js';
import { transaction } from './numbering.js';
import { changeStatus, findInvoice } from './state.js';
import { toInvoiceView, type InvoiceView } from './view.js';

interface Options {
  /** Default true: number it at once. */
  issue?: boolean;
  sourceKey?: string;
}

/**
 * A proforma for an opportunity: one line with its title and amount (taken as the net
 * unit price). Default source key "proforma-of:<opportunity id>": one proforma per card.
 */
export async function proformaFromOpportunity(
  ctx: InvoicingContext,
  input: { tenantId: string; opportunityId: string; taxRateBp?: number; dueDate?: string; prepayment?: Prepayment } & Options,
): Promise<InvoiceView> {
  const opp = await ctx.db.opportunity.findFirst({ where: { id: input.opportunityId, tenantId: input.tenantId } });
  if (!opp) throw new InvoicingError('not_found', `no opportunity ${input.opportunityId}`);
  const draft = await transaction(ctx.db, (tx) =>
    createDraftIn(tx, ctx, {
      tenantId: input.tenantId,
      customerId: opp.customerId,
      kind: 'proforma',
      currency: opp.currency,
      lines: [{ description: opp.title, quantity: 1, unitPriceMinor: opp.amountMinor, taxRateBp: input.taxRateBp ?? 0 }],
      ...(input.dueDate ? { dueDate: input.dueDate } : {}),
      ...(input.prepayment ? { prepayment: input.prepayment } : {}),
      opportunityId: opp.id,
      sourceKey: input.sourceKey ?? `proforma-of:${opp.id}`,
    }),
  );
  return input.issue === false ? draft : issueInvoice(ctx, { tenantId: input.tenantId, invoiceId: draft.id });
}

/**
 * The final invoice for an issued proforma: same lines, referencing it. What was paid on
 * the proforma settles the final invoice (no second payment row). Default source key
 * "final-of:<proforma id>": one final invoice per proforma.
 */
export async function finalFromProforma(ctx: InvoicingContext, input: { tenantId: string; proformaId: string; dueDate?: string } & Options): Promise<InvoiceView> {
  const proforma = await findInvoice(ctx.db, input.tenantId, input.proformaId);
  if (proforma.kind !== 'proforma' || !proforma.number || proforma.status === 'cancelled') {
    throw new InvoicingError('invalid_state', `invoice ${proforma.number ?? proforma.id} is not an issued, uncancelled proforma`);
  }
  const draft = await transaction(ctx.db, (tx) =>
    createDraftIn(tx, ctx, {
      tenantId: input.tenantId,
      customerId: proforma.customerId,
      kind: 'final',
      currency: proforma.currency,
      language: proforma.language,
      lines: proforma.lines.map(copyLine(1)),
      ...(input.dueDate ? { dueDate: input.dueDate } : {}),
      referenceId: proforma.id,
      ...(proforma.opportunityId ? { opportunityId: proforma.opportunityId } : {}),
      sourceKey: input.sourceKey ?? `final-of:${proforma.id}`,
    }),
  );
  if (input.issue === false) return draft;
  const issued = await issueInvoice(ctx, { tenantId: input.tenantId, invoiceId: draft.id });
  const settled = Math.min(toMinor(proforma.paidMinor), issued.grossMinor);
  if (settled <= 0 || issued.paidMinor > 0) return issued;
  const row = await transaction(ctx.db, async (tx) => {
    const inv = await findInvoice(tx, input.tenantId, issued.id);
    const paid = allocateToParts(inv.parts.map((p) => ({ amountMinor: toMinor(p.amountMinor), paidMinor: 0 })), settled);
    await Promise.all(inv.parts.map((p, i) => tx.invoicePart.update({ where: { id: p.id }, data: { paidMinor: paid[i]! } })));
    return changeStatus(tx, ctx, inv, { type: 'payment', paidMinor: settled, grossMinor: issued.grossMinor }, { paidMinor: settled }, { settledBy: proforma.number });
  });
  return toInvoiceView(row);
}

/**
 * A credit note for an issued final invoice. `lines` say what is credited, with positive
 * quantities (stored negated); without them the whole invoice is credited.
 */
export async function creditNote(
  ctx: InvoicingContext,
  input: { tenantId: string; invoiceId: string; lines?: LineDraft[]; notes?: string } & Options,
): Promise<InvoiceView> {
  const original = await findInvoice(ctx.db, input.tenantId, input.invoiceId);
  if (original.kind !== 'final' || !original.number || original.status === 'cancelled') {
    throw new InvoicingError('invalid_state', `invoice ${original.number ?? original.id} is not an issued, uncancelled final invoice`);
  }
  const lines = input.lines?.map((l) => ({ ...l, quantity: negate(l.quantity) })) ?? original.lines.map(copyLine(-1));
  const draft = await transaction(ctx.db, (tx) =>
    createDraftIn(tx, ctx, {
      tenantId: input.tenantId,
      customerId: original.customerId,
      kind: 'credit_note',
      currency: original.currency,
      language: original.language,
      lines,
      ...(input.notes ? { notes: input.notes } : {}),
      referenceId: original.id,
      ...(input.sourceKey ? { sourceKey: input.sourceKey } : {}),
    }),
  );
  return input.issue === false ? draft : issueInvoice(ctx, { tenantId: input.tenantId, invoiceId: draft.id });
}

function copyLine(sign: 1 | -1) {
  return (l: { productId: string | null; description: string; unit: string; quantityMilli: number; unitPriceMinor: bigint; discountBp: number; taxRateBp: number }): LineDraft => ({
    ...(l.productId ? { productId: l.productId } : {}),
    description: l.description,
    unit: l.unit,
    quantity: formatQuantity(sign * l.quantityMilli),
    unitPriceMinor: toMinor(l.unitPriceMinor),
    discountBp: l.discountBp,
    taxRateBp: l.taxRateBp,
  });
}

function negate(q: string | number): string | number {
  if (typeof q === 'number') return -q;
  return q.startsWith('-') ? q.slice(1) : `-${q}`;
}
