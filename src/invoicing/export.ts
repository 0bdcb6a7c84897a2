// The accountant's export: every issued invoice of a period (proformas, final invoices,
// credit notes, stornos; drafts never) as a CSV, zipped together with the PDFs once a
// renderer is available.
import { formatDecimal } from '../domain/money.js';
import { type InvoicingContext } from './context.js';
import { invoiceInclude, toInvoiceView, type InvoiceView } from './view.js';
import { zip } from './zip.js';

export const CSV_COLUMNS = ['number', 'kind', 'date', 'due_date', 'customer', 'vat_id', 'net', 'tax', 'gross', 'currency', 'status', 'reference'] as const;

export type ExportedInvoice = InvoiceView & {
  customerName: string;
  customerVatId: string | null;
  referenceNumber: string | null;
  /** Who sells and who buys, as the PDF prints them. */
  parties: PdfParties;
};

/** The second argument of src/documents' renderInvoicePdf(view, parties). */
export interface PdfParties {
  seller: { name: string; address: string[]; email?: string };
  buyer: { name: string; address: string[]; vatId?: string; email?: string };
  reference?: { number: string; issueDate?: string | null };
}
export type PdfRenderer = (invoice: InvoiceView, parties: PdfParties) => Promise<Uint8Array>;

export async function invoicesOfPeriod(ctx: InvoicingContext, q: { tenantId: string; from: string; to: string }): Promise<ExportedInvoice[]> {
  const rows = await ctx.db.invoice.findMany({
    where: { tenantId: q.tenantId, number: { not: null }, issueDate: { gte: q.from, lte: q.to } },
    include: { ...invoiceInclude, customer: true, tenant: true, reference: { select: { number: true, issueDate: true } } },
    orderBy: [{ issueDate: 'asc' }, { series: 'asc' }, { seq: 'asc' }],
  });
  return rows.map((r) => ({
    ...toInvoiceView(r),
    customerName: r.customer.name,
    customerVatId: r.customer.vatId,
    referenceNumber: r.reference?.number ?? null,
    parties: {
      seller: { name: r.tenant.name, address: [], ...(r.tenant.ownerEmail ? { email: r.tenant.ownerEmail } : {}) },
      buyer: {
        name: r.customer.name,
        address: [r.customer.addressLine1, r.customer.addressLine2, [r.customer.postalCode, r.customer.city].filter(Boolean).join(' '), r.customer.country].filter((x): x is string => !!x),
        ...(r.customer.vatId ? { vatId: r.customer.vatId } : {}),
        ...(r.customer.email ? { email: r.customer.email } : {}),
      },
      ...(r.reference?.number ? { reference: { number: r.reference.number, issueDate: r.reference.issueDate } } : {}),
    },
  }));
}

/**
 * RFC 4180 CSV with a UTF-8 byte order mark (spreadsheet programs need it for ă, ß, ł);
 * amounts as plain decimals with a dot.
 */
export function invoicesCsv(invoices: readonly ExportedInvoice[]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = invoices.map((i) =>
    [i.number ?? '', i.kind, i.issueDate ?? '', i.dueDate, i.customerName, i.customerVatId ?? '', formatDecimal(i.netMinor, i.currency), formatDecimal(i.taxMinor, i.currency), formatDecimal(i.grossMinor, i.currency), i.currency, i.status, i.referenceNumber ?? '']
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

/** invoices.csv plus pdf/<number>.pdf per invoice when `renderPdf` is given. */
export async function exportZip(ctx: InvoicingContext, q: { tenantId: string; from: string; to: string; renderPdf?: PdfRenderer | null }): Promise<{ zip: Buffer; count: number; pdfs: number }> {
  const invoices = await invoicesOfPeriod(ctx, q);
  const entries = [{ name: 'invoices.csv', data: Buffer.from(invoicesCsv(invoices), 'utf8') }];
  if (q.renderPdf) {
    for (const inv of invoices) entries.push({ name: `pdf/${inv.number!.replace(/[^\w.-]+/g, '_')}.pdf`, data: Buffer.from(await q.renderPdf(inv, inv.parties)) });
  }
  return { zip: zip(entries), count: invoices.length, pdfs: entries.length - 1 };
}

/**
 * `renderInvoicePdf(view, parties)` from src/documents/invoice.ts, loaded by name so the
 * export works (CSV only) in a tree without the documents module.
 */
export async function findPdfRenderer(): Promise<PdfRenderer | null> {
  const specifier = '../documents/invoice.js'; // not a literal: may not exist yet
  try {
    const mod = (await import(specifier)) as { renderInvoicePdf?: PdfRenderer };
    return mod.renderInvoicePdf ?? null;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw e;
  }
}
