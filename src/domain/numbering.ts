// Invoice numbers: a series (prefix), the year of the issue date and a gapless sequence
// per series and year. The counter lives in the database (src/invoicing/numbering.ts);
// this module only decides the series and the text.

export const INVOICE_KINDS = ['proforma', 'final', 'credit_note', 'storno'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** Default series per kind. A storno takes its original's series (see stornoSeries). */
export const DEFAULT_SERIES: Record<Exclude<InvoiceKind, 'storno'>, string> = {
  proforma: 'PF',
  final: 'INV',
  credit_note: 'CN',
};

export const SERIES_PATTERN = /^[A-Z][A-Z0-9]{0,9}$/;
export const DEFAULT_NUMBER_FORMAT = '{series}-{year}-{seq:4}';

/**
 * Fills a number format: {series}, {year}, {seq} or {seq:N} (zero-padded to N digits).
 * @example formatInvoiceNumber({ series: 'INV', year: 2026, seq: 7 }) // 'INV-2026-0007'
 */
export function formatInvoiceNumber(n: { series: string; year: number; seq: number }, format = DEFAULT_NUMBER_FORMAT): string {
  if (!SERIES_PATTERN.test(n.series)) throw new Error(`series "${n.series}" must be 1–10 capital letters or digits, starting with a letter`);
  if (!Number.isSafeInteger(n.seq) || n.seq < 1) throw new Error(`sequence ${n.seq} must be a positive integer`);
  if (!format.includes('{seq')) throw new Error(`number format "${format}" has no {seq}, so numbers would repeat`);
  return format.replace(/\{(series|year|seq)(?::(\d))?\}/g, (_, token: string, width?: string) => {
    if (token === 'series') return n.series;
    if (token === 'year') return String(n.year);
    return String(n.seq).padStart(Number(width ?? 1), '0');
  });
}

/** The series a kind is numbered in when the caller names none. */
export function seriesFor(kind: InvoiceKind, original?: { series: string }): string {
  if (kind === 'storno') {
    if (!original) throw new Error('a storno needs the invoice it cancels');
    return original.series;
  }
  return DEFAULT_SERIES[kind];
}
