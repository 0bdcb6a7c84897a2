// First guesses for a CSV mapping, from the file itself: encoding, delimiter, where the
// header is, which column holds what (German, English, Romanian, Polish headers), the
// decimal separator and the date format. The CLI proposes them; a person confirms.
import { splitCsv } from '../receivables/statements/csv-records.js';
import { DATE_FORMATS, parseDate, type DateFormat } from '../receivables/statements/date-format.js';
import { decodeText } from './statement.js';

export const MAPPED = ['bookingDate', 'amount', 'currency', 'payerName', 'payerIban', 'reference'] as const;
export type Mapped = (typeof MAPPED)[number];

/** Header words per column, most specific first. */
const WORDS: Record<Mapped | 'debit' | 'credit', string[]> = {
  bookingDate: ['buchungstag', 'buchungsdatum', 'booking date', 'data operatiunii', 'data księgowania', 'datum', 'date', 'data'],
  amount: ['betrag', 'amount', 'suma', 'kwota', 'umsatz', 'summe', 'sum'],
  debit: ['debit', 'soll', 'obciążenia'],
  credit: ['credit', 'haben', 'uznania'],
  currency: ['währung', 'waehrung', 'currency', 'moneda', 'waluta', 'ccy'],
  payerName: ['auftraggeber', 'zahlungspflichtiger', 'beneficiar/platitor', 'platitor', 'payer', 'kontrahent', 'name', 'nume', 'nazwa'],
  payerIban: ['iban', 'kontonummer', 'konto', 'account', 'cont', 'rachunek'],
  reference: ['verwendungszweck', 'reference', 'referenz', 'detalii', 'tytuł', 'tytul', 'purpose', 'betreff', 'description', 'text'],
};

export interface CsvGuess {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ';' | ',' | '\t' | '|';
  skipLines: number;
  header: string[];
  /** The first data rows, for examples. */
  rows: string[][];
  /** 0-based column positions; undefined = no guess. */
  columns: Partial<Record<Mapped | 'debit' | 'credit', number>>;
  decimal: ',' | '.';
  dateFormat: DateFormat;
}

export function guessCsv(bytes: Uint8Array): CsvGuess & { text: string } {
  const { text, encoding } = decodeText(bytes);
  const sample = text.split(/\r?\n/).slice(0, 50).join('\n');
  let best = { delimiter: ';' as CsvGuess['delimiter'], width: 0, rows: 0 };
  for (const d of [';', ',', '\t', '|'] as const) {
    const widths = splitCsv(sample, d).records.map((r) => r.fields.length);
    const counts = new Map<number, number>();
    for (const w of widths) if (w > 1) counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const [width, rows] of counts) if (rows > best.rows || (rows === best.rows && width > best.width)) best = { delimiter: d, width, rows };
  }
  const records = splitCsv(sample, best.delimiter).records.filter((r) => r.fields.some((f) => f.trim()));
  // The header: the first full-width row with every field named (a preamble such as
  // "Kontoauszug;;;;" may be as wide but is mostly empty).
  const full = (r: { fields: string[] }) => r.fields.length === best.width && r.fields.every((f) => f.trim() !== '');
  let headerAt = records.findIndex(full);
  if (headerAt < 0) headerAt = Math.max(0, records.findIndex((r) => r.fields.length === best.width));
  const header = (records[headerAt]?.fields ?? []).map((h) => h.trim());
  const rows = records.slice(headerAt + 1, headerAt + 6).map((r) => r.fields.map((f) => f.trim()));
  const columns: CsvGuess['columns'] = {};
  const taken = new Set<number>();
  for (const key of ['bookingDate', 'amount', 'currency', 'payerIban', 'reference', 'payerName', 'debit', 'credit'] as const) {
    for (const word of WORDS[key]) {
      const i = header.findIndex((h, j) => !taken.has(j) && h.toLowerCase().includes(word));
      if (i >= 0) {
        columns[key] = i;
        taken.add(i);
        break;
      }
    }
  }
  const amounts = rows.map((r) => r[columns.amount ?? columns.credit ?? -1] ?? '').filter(Boolean);
  const decimal = amounts.some((a) => /\d,\d{1,2}-?$/.test(a)) ? ',' : '.';
  const dates = rows.map((r) => r[columns.bookingDate ?? -1] ?? '').filter(Boolean);
  const dateFormat = DATE_FORMATS.find((f) => dates.length > 0 && dates.every((d) => ok(() => parseDate(d, f)))) ?? 'DD.MM.YYYY';
  // skipLines counts raw lines before the header (blank lines included).
  const skipLines = (records[headerAt]?.line ?? 1) - 1;
  return { text, encoding, delimiter: best.delimiter, skipLines, header, rows, columns, decimal, dateFormat };
}

function ok(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}
