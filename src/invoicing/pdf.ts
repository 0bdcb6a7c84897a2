// An issued invoice as PDF: the invoicing view plus who sells and who buys, rendered by
// src/documents (renderInvoicePdf). Seller details come from the tenant.
import { buyerFromCustomer, renderInvoicePdf, type InvoiceParties } from '../documents/index.js';
import type { Seller } from '../documents/types.js';
import type { Tenant } from '../platform/db.js';
import { InvoicingError, type InvoicingContext } from './context.js';
import { invoiceInclude, toInvoiceView, type InvoiceRow, type InvoiceView } from './view.js';

type PartiesRow = InvoiceRow & {
  tenant: Tenant;
  customer: Parameters<typeof buyerFromCustomer>[0];
  reference: { number: string | null; issueDate: string | null } | null;
};

/** Include for rows that partiesOf reads. */
export const partiesInclude = { ...invoiceInclude, tenant: true, customer: true, reference: { select: { number: true, issueDate: true } } } as const;

export function partiesOf(row: PartiesRow): InvoiceParties {
  return {
    seller: sellerOf(row.tenant),
    buyer: buyerFromCustomer(row.customer),
    ...(row.reference?.number ? { reference: { number: row.reference.number, issueDate: row.reference.issueDate } } : {}),
  };
}

/** The tenant as the seller of its documents: name, address, VAT id, register, bank. */
export function sellerOf(t: Tenant): Seller {
  return {
    ...buyerFromCustomer({ name: t.name, email: t.ownerEmail, vatId: t.vatId, addressLine1: t.addressLine1, addressLine2: t.addressLine2, postalCode: t.postalCode, city: t.city, country: t.country }),
    ...(t.registration ? { registration: t.registration } : {}),
    ...(t.iban ? { bank: { iban: t.iban, ...(t.bic ? { bic: t.bic } : {}), ...(t.bankName ? { bankName: t.bankName } : {}) } } : {}),
  };
}

export type PdfRenderer = (invoice: InvoiceView, parties: InvoiceParties) => Promise<Uint8Array>;
export const defaultPdfRenderer: PdfRenderer = renderInvoicePdf;

/**
 * The PDF of an issued invoice (drafts have no number and no PDF).
 * @example const { pdf, invoice } = await invoicePdf(ctx, { tenantId, invoiceId });
 */
export async function invoicePdf(ctx: InvoicingContext, ref: { tenantId: string; invoiceId: string }): Promise<{ invoice: InvoiceView; pdf: Uint8Array }> {
  const row = await ctx.db.invoice.findFirst({ where: { id: ref.invoiceId, tenantId: ref.tenantId }, include: partiesInclude });
  if (!row) throw new InvoicingError('not_found', `no invoice ${ref.invoiceId}`);
  if (!row.number) throw new InvoicingError('invalid_state', `invoice ${row.id} is a draft; issue it to get its PDF`);
  const invoice = toInvoiceView(row);
  return { invoice, pdf: await defaultPdfRenderer(invoice, partiesOf(row)) };
}
