// The aging report for accountants (CSV, decimal amounts) and programs (JSON, minor units).
import { formatDecimal } from '../../domain/money.js';
import { AGING_BUCKETS, type AgingLine, type AgingReport } from './report.js';

const HEADER = ['customer_id', 'customer_name', 'currency', 'not_due', '1-30', '31-60', '61-90', 'over_90', 'total'];

/** One line per customer and currency, then one TOTAL line per currency. */
export function renderAgingCsv(r: AgingReport): string {
  const amounts = (l: AgingLine) => [...AGING_BUCKETS.map((b) => l.buckets[b]), l.totalMinor].map((m) => formatDecimal(m, l.currency));
  const rows = [
    HEADER,
    ...r.customers.map((c) => [c.customerId, c.customerName ?? '', c.currency, ...amounts(c)]),
    ...r.totals.map((t) => ['TOTAL', '', t.currency, ...amounts(t)]),
  ];
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Stable JSON: amounts as integers of minor units, keys in a fixed order. */
export function renderAgingJson(r: AgingReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

function csvField(v: string): string {
  // A leading = + - @ would make a spreadsheet run the cell as a formula; negative
  // amounts ("-12.00") are numbers, not formulas, and stay as they are.
  const safe = /^[=+@]|^-(?!\d)/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
