// From the invoicing core's view of an invoice (src/invoicing/view.ts) to a document input.
import type { InvoiceView } from '../invoicing/view.js';
import { renderInvoiceDocument } from './invoice.js';
import type { DocumentReference, InvoiceDocument, InvoiceDocumentKind, Party, Seller } from './types.js';

const KINDS: Record<InvoiceView['kind'], InvoiceDocumentKind> = { final: 'invoice', proforma: 'proforma', credit_note: 'credit_note', storno: 'storno' };

/** What the invoice row does not hold: who sells, who buys, what it refers to. */
export interface InvoiceParties {
  seller: Seller;
  buyer: Party;
  /** The proforma of a final invoice, or the invoice a credit note or storno corrects. */
  reference?: { number: string; issueDate?: string | null };
  paymentTerms?: string;
}

/** The customer columns of the Prisma Customer model that make an address. */
export interface CustomerAddress {
  name: string;
  vatId?: string | null;
  email?: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
}

/** A customer row as the buyer of a document. */
export function buyerFromCustomer(c: CustomerAddress): Party {
  const cityLine = [c.postalCode, c.city].filter(Boolean).join(' ');
  return {
    name: c.name,
    address: [c.addressLine1, c.addressLine2, cityLine, c.country].filter((x): x is string => !!x),
    ...(c.vatId ? { vatId: c.vatId } : {}),
    ...(c.email ? { email: c.email } : {}),
  };
}

export function invoiceDocumentFromView(view: InvoiceView, parties: InvoiceParties): InvoiceDocument {
  if (view.number === null || view.issueDate === null) {
    throw new Error(`invoice ${view.id} is a draft without a number; issue it before rendering its PDF`);
  }
  const references: DocumentReference[] = parties.reference
    ? [{ kind: view.kind === 'final' ? 'proforma' : 'original', number: parties.reference.number, ...(parties.reference.issueDate ? { date: parties.reference.issueDate } : {}) }]
    : [];
  return {
    kind: KINDS[view.kind],
    number: view.number,
    language: view.language,
    currency: view.currency,
    issueDate: view.issueDate,
    seller: parties.seller,
    buyer: parties.buyer,
    lines: view.lines.map((l) => ({
      description: l.description,
      quantityMilli: l.quantityMilli,
      unit: l.unit,
      unitPriceMinor: l.unitPriceMinor,
      discountBp: l.discountBp,
      taxRateBp: l.taxRateBp,
      netMinor: l.netMinor,
      taxMinor: l.taxMinor,
      grossMinor: l.grossMinor,
    })),
    taxBreakdown: view.taxBreakdown,
    totals: { netMinor: view.netMinor, taxMinor: view.taxMinor, grossMinor: view.grossMinor },
    parts: view.parts.map((p) => ({ kind: p.kind, amountMinor: p.amountMinor, dueDate: p.dueDate })),
    ...(parties.paymentTerms ? { paymentTerms: parties.paymentTerms } : {}),
    ...(view.notes ? { notes: view.notes } : {}),
    references,
  };
}

/**
 * The PDF of an issued invoice, proforma, credit note or storno.
 * @example const pdf = await renderInvoicePdf(view, { seller, buyer: buyerFromCustomer(customer) });
 */
export async function renderInvoicePdf(view: InvoiceView, parties: InvoiceParties): Promise<Uint8Array> {
  return renderInvoiceDocument(invoiceDocumentFromView(view, parties));
}
