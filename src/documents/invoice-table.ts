import type { Column, Flow } from '../pdf/index.js';
import { formatAmount, formatPercent, formatQuantity } from './format.js';
import type { Labels } from './labels/index.js';
import type { Styles } from './styles.js';
import type { InvoiceDocument } from './types.js';

/** The line items; the header repeats on every page the table continues on. */
export function drawLineItems(flow: Flow, inv: InvoiceDocument, labels: Labels, s: Styles): void {
  const c = labels.columns;
  const lang = inv.language;
  const money = (minor: number) => formatAmount(minor, inv.currency, lang);
  // The discount column only when some line has a discount: narrow tables read better.
  const withDiscount = inv.lines.some((l) => (l.discountBp ?? 0) !== 0);
  const columns: (Column & { cell: (l: InvoiceDocument['lines'][number], i: number) => string })[] = [
    { header: c.pos, width: 0.7, cell: (_, i) => String(i + 1) },
    { header: c.description, width: 3.8, cell: (l) => l.description },
    { header: c.quantity, width: 0.9, align: 'right', cell: (l) => formatQuantity(l.quantityMilli, lang) },
    { header: c.unit, width: 1, cell: (l) => l.unit },
    { header: c.unitPrice, width: 1.45, align: 'right', cell: (l) => money(l.unitPriceMinor) },
    ...(withDiscount ? [{ header: c.discount, width: 0.9, align: 'right' as const, cell: (l: InvoiceDocument['lines'][number]) => formatPercent(l.discountBp ?? 0, lang) }] : []),
    { header: c.taxRate, width: 0.8, align: 'right', cell: (l) => formatPercent(l.taxRateBp, lang) },
    { header: c.net, width: 1.55, align: 'right', cell: (l) => money(l.netMinor) },
  ];
  flow.table({
    columns,
    rows: inv.lines.map((l, i) => columns.map((col) => col.cell(l, i))),
    header: s.cellBold,
    body: s.cell,
    padding: 3,
  });
}

/** VAT breakdown per rate, then the totals, both on the right. */
export function drawTotals(flow: Flow, inv: InvoiceDocument, labels: Labels, s: Styles): void {
  const money = (minor: number) => formatAmount(minor, inv.currency, inv.language);
  const t = labels.taxBreakdown;
  flow.gap(10);
  flow.table({
    columns: [{ width: 3.2 }, { header: t.rate, width: 0.8, align: 'right' }, { header: t.net, width: 1.3, align: 'right' }, { header: t.tax, width: 1.3, align: 'right' }, { header: t.gross, width: 1.3, align: 'right' }],
    rows: inv.taxBreakdown.map((r) => ['', formatPercent(r.taxRateBp, inv.language), money(r.netMinor), money(r.taxMinor), money(r.grossMinor)]),
    header: s.cellBold,
    body: s.cell,
    padding: 3,
  });
  flow.gap(6);
  const credit = inv.totals.grossMinor < 0 || inv.kind === 'credit_note' || inv.kind === 'storno';
  const columns: Column[] = [{ width: 3.2 }, { width: 2.4 }, { width: 1.6, align: 'right' }];
  flow.table({
    columns,
    rows: [
      ['', labels.totals.net, money(inv.totals.netMinor)],
      ['', labels.totals.tax, money(inv.totals.taxMinor)],
    ],
    body: s.cell,
    padding: 3,
    rules: false,
  });
  flow.table({
    columns,
    rows: [['', credit ? labels.totals.creditGross : labels.totals.gross, money(inv.totals.grossMinor)]],
    body: { ...s.cellBold, size: 10 },
    padding: 3,
    rules: false,
  });
}
