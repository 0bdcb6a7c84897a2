import { addDays, isCalendarDate, localDate } from '../domain/dates.js';
import type { InvoiceKind } from '../domain/numbering.js';
import { seriesFor, SERIES_PATTERN } from '../domain/numbering.js';
import { splitParts, type Prepayment } from '../domain/parts.js';
import type { DbTransaction } from '../platform/db.js';
import { auditInvoice } from './audit.js';
import { InvoicingError, nowOf, type InvoicingContext } from './context.js';
import { lineRows, resolveLines, type LineDraft } from './lines.js';
import { transaction } from './numbering.js';
import { invoiceInclude, toInvoiceView, type InvoiceView } from './view.js';

export interface DraftInput {
  tenantId: string;
  customerId: string;
  kind: Exclude<InvoiceKind, 'storno'>;
  lines: LineDraft[];
  /** Defaults: the customer's currency and language, the kind's series, today + the customer's payment term. */
  currency?: string;
  language?: string;
  series?: string;
  dueDate?: string;
  prepayment?: Prepayment;
  notes?: string;
  /** final → its proforma; credit note → the invoice it corrects. */
  referenceId?: string;
  opportunityId?: string;
  /** Caller's key (e.g. rule + event + step): creating twice with it returns the first invoice. */
  sourceKey?: string;
}

/**
 * Creates a draft invoice (no number yet; editable until issued).
 * @example await createDraft(ctx, { tenantId, customerId, kind: 'final', lines: [{ description: 'Course', quantity: 1, unitPriceMinor: 120000, taxRateBp: 1900 }] })
 */
export async function createDraft(ctx: InvoicingContext, input: DraftInput): Promise<InvoiceView> {
  return transaction(ctx.db, (tx) => createDraftIn(tx, ctx, input));
}

export async function createDraftIn(tx: DbTransaction, ctx: InvoicingContext, input: DraftInput): Promise<InvoiceView> {
  const { tenantId } = input;
  if (input.sourceKey) {
    const existing = await tx.invoice.findUnique({ where: { tenantId_sourceKey: { tenantId, sourceKey: input.sourceKey } }, include: invoiceInclude });
    if (existing) return toInvoiceView(existing);
  }
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const customer = await tx.customer.findFirst({ where: { id: input.customerId, tenantId } });
  if (!customer) throw new InvoicingError('invalid_input', `customerId: no customer ${input.customerId}`);
  const series = input.series ?? seriesFor(input.kind);
  if (!SERIES_PATTERN.test(series)) throw new InvoicingError('invalid_input', `series: "${series}" must be capital letters or digits, starting with a letter`);
  const today = localDate(nowOf(ctx), tenant.timeZone);
  const dueDate = input.dueDate ?? addDays(today, customer.paymentTermDays);
  for (const [field, d] of [['dueDate', dueDate], ['prepayment.dueDate', input.prepayment?.dueDate]] as const) {
    if (d !== undefined && !isCalendarDate(d)) throw new InvoicingError('invalid_input', `${field}: "${d}" is not a date (YYYY-MM-DD)`);
  }
  const { totals, rows } = lineRows(await resolveLines(tx, tenantId, input.lines));
  let parts;
  try {
    parts = splitParts(totals.grossMinor, dueDate, input.prepayment);
  } catch (e) {
    throw new InvoicingError('invalid_input', `prepayment: ${(e as Error).message}`);
  }
  const created = await tx.invoice.create({
    data: {
      tenantId,
      customerId: customer.id,
      kind: input.kind,
      series,
      dueDate,
      currency: input.currency ?? customer.currency,
      language: input.language ?? customer.language,
      netMinor: totals.netMinor,
      taxMinor: totals.taxMinor,
      grossMinor: totals.grossMinor,
      taxBreakdown: totals.taxBreakdown as unknown as object,
      notes: input.notes ?? null,
      referenceId: input.referenceId ?? null,
      opportunityId: input.opportunityId ?? null,
      sourceKey: input.sourceKey ?? null,
      lines: { create: rows },
      parts: { create: parts },
    },
    include: invoiceInclude,
  });
  await auditInvoice(tx, { tenantId, invoiceId: created.id, action: 'created', actor: ctx.actor, data: { kind: input.kind, grossMinor: totals.grossMinor } });
  return toInvoiceView(created);
}
