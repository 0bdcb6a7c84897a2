import { createPdf, Flow, savePdf } from '../pdf/index.js';
import { formatDate } from './format.js';
import { drawLineItems, drawTotals } from './invoice-table.js';
import { documentLanguage, labelsFor } from './labels/index.js';
import { detailLines, drawFooter, drawLetterhead, partyBlock } from './letterhead.js';
import { drawPayment } from './payment.js';
import { stylesFor } from './styles.js';
import type { InvoiceDocument } from './types.js';
import { columnsBlock } from '../pdf/index.js';

/**
 * An invoice, proforma, credit note or storno as PDF: letterhead, addresses and details,
 * line items over as many pages as needed (header repeated), VAT breakdown, totals,
 * payment with EPC QR codes for EUR, and "Page n of N". Byte-stable: the same input
 * gives the same bytes (the issue date is the only date in the metadata).
 * @example const pdf = await renderInvoiceDocument(invoice); // Uint8Array
 */
export async function renderInvoiceDocument(inv: InvoiceDocument): Promise<Uint8Array> {
  const labels = labelsFor(inv.language);
  const lang = inv.language;
  const title = `${labels.title[inv.kind]} ${inv.number}`;
  const { doc, fonts } = await createPdf({
    title,
    author: inv.seller.name,
    language: documentLanguage(lang),
    creationDate: new Date(`${inv.issueDate}T00:00:00Z`),
  });
  const s = stylesFor(fonts);
  const flow = new Flow(doc, {
    onPageStart: (f, index) => {
      if (index === 0) return;
      f.text(`${title} · ${inv.seller.name}`, s.small);
      f.gap(10);
    },
  });
  await drawLetterhead(doc, flow, inv.seller, labels, s);
  flow.gap(18);
  flow.text(title, s.title);
  flow.gap(10);

  const details: [string, string][] = [
    [labels.number, inv.number],
    [labels.issueDate, formatDate(inv.issueDate, lang)],
    ...(inv.serviceDate ? [[labels.serviceDate, formatDate(inv.serviceDate, lang)] as [string, string]] : []),
    ...inv.parts.slice(-1).map((p): [string, string] => [labels.dueDate, formatDate(p.dueDate, lang)]),
    ...(inv.references ?? []).map((r): [string, string] => [labels.reference[r.kind], r.date ? `${r.number} (${formatDate(r.date, lang)})` : r.number]),
  ];
  columnsBlock(flow, [
    { lines: partyBlock(labels.buyer, inv.buyer, labels, s), width: 3 },
    { lines: detailLines(details, s), width: 2 },
  ]);
  flow.gap(16);
  drawLineItems(flow, inv, labels, s);
  drawTotals(flow, inv, labels, s);
  flow.gap(14);
  drawPayment(flow, inv, labels, s);
  if (inv.notes) {
    flow.gap(10);
    flow.text(inv.notes, s.body);
  }
  drawFooter(flow, inv.seller, labels, s);
  return savePdf(doc);
}

export { renderInvoicePdf, invoiceDocumentFromView, buyerFromCustomer, type InvoiceParties, type CustomerAddress } from './from-invoicing.js';
