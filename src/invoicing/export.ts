// The accountant's export: every issued invoice of a period (proformas, final invoices,
// credit notes, stornos; drafts never) as a CSV, zipped together with their PDFs.
import { formatDecimal } from '../domain/money.js';
import { type InvoicingContext } from './context.js';
import type { InvoiceParties } from '../documents/index.js';
import { partiesInclude, partiesOf, type PdfRenderer } from './pdf.js';
import { toInvoiceView, type InvoiceView } from './view.js';
import { zip } from './zip.js';

export const CSV_COLUMNS = ['number', 'kind', 'date', 'due_date', 'customer', 'vat_id', 'net', 'tax', 'gross', 'currency', 'status', 'reference'] as const;

export type ExportedInvoice = InvoiceView & {
  customerName: string;
  customerVatId: string | null;
  referenceNumber: string | null;
  /** Who sells and who buys, as the PDF prints them. */
  parties: InvoiceParties;
};

export async function invoicesOfPeriod(ctx: InvoicingContext, q: { tenantId: string; from: string; to: string }): Promise<ExportedInvoice[]> {
  const rows = await ctx.db.invoice.findMany({
    where: { tenantId: q.tenantId, number: { not: null }, issueDate: { gte: q.from, lte: q.to } },
    include: partiesInclude,
    orderBy: [{ issueDate: 'asc' }, { series: 'asc' }, { seq: 'asc' }],
  });
  return rows.map((r) => ({ ...toInvoiceView(r), customerName: r.customer.name, customerVatId: r.customer.vatId, referenceNumber: r.reference?.number ?? null, parties: partiesOf(r) }));
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

/** invoices.csv plus pdf/<number>.pdf per invoice (renderPdf: null for the CSV alone). */
export async function exportZip(ctx: InvoicingContext, q: { tenantId: string; from: string; to: string; renderPdf: PdfRenderer | null }): Promise<{ zip: Buffer; count: number; pdfs: number }> {
  const invoices = await invoicesOfPeriod(ctx, q);
  const entries = [{ name: 'invoices.csv', data: Buffer.from(invoicesCsv(invoices), 'utf8') }];
  if (q.renderPdf) {
    for (const inv of invoices) entries.push({ name: `pdf/${inv.number!.replace(/[^\w.-]+/g, '_')}.pdf`, data: Buffer.from(await q.renderPdf(inv, inv.parties)) });
  }
  return { zip: zip(entries), count: invoices.length, pdfs: entries.length - 1 };
}
