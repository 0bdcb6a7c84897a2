// The aging report as a one-table PDF, so a rule's send-email step can attach it like any
// rendered document (activities/dunning.ts renderAgingReport stores it under a key).
// Amounts are plain decimals: the currency has its own column.
import { formatDecimal } from '../domain/money.js';
import { stylesFor } from '../documents/styles.js';
import { createPdf, Flow, savePdf } from '../pdf/index.js';
import type { AgingReport } from '../receivables/aging/report.js';

const HEAD = ['Customer', 'Currency', 'Not due', '1–30', '31–60', '61–90', 'Over 90', 'Total'];

export async function renderAgingPdf(r: AgingReport, seller: string, language = 'en'): Promise<Uint8Array> {
  const title = `Aging report ${r.asOf}`;
  const { doc, fonts } = await createPdf({ title, author: seller, language, creationDate: new Date(`${r.asOf}T00:00:00Z`) });
  const s = stylesFor(fonts);
  const flow = new Flow(doc);
  flow.text(`${seller} · ${title}`, s.title);
  flow.gap(12);
  const amounts = (l: AgingReport['totals'][number]) => [l.buckets.notDue, l.buckets.days1to30, l.buckets.days31to60, l.buckets.days61to90, l.buckets.over90, l.totalMinor].map((m) => formatDecimal(m, l.currency));
  flow.table({
    columns: [{ header: HEAD[0], width: 2.4 }, { header: HEAD[1], width: 1 }, ...HEAD.slice(2).map((header) => ({ header, width: 1.1, align: 'right' as const }))],
    rows: [...r.customers.map((c) => [c.customerName ?? c.customerId, c.currency, ...amounts(c)]), ...r.totals.map((t) => ['Total', t.currency, ...amounts(t)])],
    header: s.cellBold,
    body: s.cell,
    padding: 3,
  });
  return savePdf(doc);
}
