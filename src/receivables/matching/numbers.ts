// Invoice numbers in remittance text. Payers write "INV-2026-0001", "inv 2026 0001",
// "Rg. 2026/0001", "Rechnung Nr. INV20260001" or "Faktura FV/2026/0001". Each number
// format (src/domain/numbering.ts) compiles to a pattern that accepts any separators (or
// none) between series, year and sequence; a number reduces to a numeric key
// year · 10⁹ + sequence plus its series, so "0001" and "1" meet and the series can be
// checked separately. Numeric keys keep a million-invoice index free of key strings.
import { DEFAULT_NUMBER_FORMAT } from '../../domain/numbering.js';
import { fold } from '../text.js';

export interface NumberKey {
  /** year · 10⁹ + sequence (year 0 if the format has none): 2026000000001 for INV-2026-0001. */
  key: number;
  /** The series as written, if any; undefined when the payer left it out. */
  series?: string;
}

const SEP = '[\\s./_#:-]*';
const TOKEN = /(\{series\}|\{year\}|\{seq(?::\d)?\})/;

export interface NumberFormats {
  /** Anchored pattern per format, for the numbers of known invoices. */
  parse: RegExp[];
  /** Pattern per format for free text, with the series optional. */
  scan: RegExp[];
  /** Minimum digits of a sequence written without a known series (see scanNumbers). */
  looseDigits: number[];
  known: ReadonlySet<string>;
  /** Every format is series, year, sequence with only separators between: numbers of
   *  known invoices can then be split by a character scan instead of a pattern. */
  simple: boolean;
}

/**
 * Compiles number formats. `knownSeries` (the series of open invoices) decides which
 * letters before a number are a series and which are a word like RE, Rg., Nr., Faktura.
 */
export function compileFormats(formats: readonly string[] = [DEFAULT_NUMBER_FORMAT], knownSeries: Iterable<string> = []): NumberFormats {
  const known = new Set([...knownSeries].map((s) => fold(s)));
  const seriesAlt = [...[...known].sort((a, b) => b.length - a.length).map(escape), '[A-Z]{1,12}'].join('|');
  const f: NumberFormats = { parse: [], scan: [], looseDigits: [], known, simple: true };
  for (const format of formats) {
    const tokens = format.split(TOKEN).filter(Boolean);
    const shape = tokens.map((t) => (t.startsWith('{seq') ? '{seq}' : TOKEN.test(t) ? t : /^[^A-Za-z0-9]+$/.test(t) ? '' : 'x')).filter(Boolean).join('');
    if (shape !== '{series}{year}{seq}') f.simple = false;
    let scan = '';
    let parse = '';
    let width = 0;
    for (const t of tokens) {
      if (t === '{series}') {
        scan += `(?:(?<s>${seriesAlt})${SEP})?`;
        parse += '(?<s>[A-Z][A-Z0-9]{0,9})';
      } else if (t === '{year}') {
        scan += '(?<y>20\\d{2})';
        parse += '(?<y>\\d{4})';
      } else if (t.startsWith('{seq')) {
        width = Number(/:(\d)/.exec(t)?.[1] ?? 0);
        scan += '(?<q>\\d{1,9})';
        parse += '(?<q>\\d{1,9})';
      } else {
        const letters = fold(t).replace(/[^A-Z0-9]/g, '');
        const lit = letters ? `${SEP}${escape(letters)}${SEP}` : SEP;
        scan += lit;
        parse += lit;
      }
    }
    f.parse.push(new RegExp(`^${parse}$`));
    // Without a series a sequence must be as wide as the format pads it (at least 3
    // digits), so a date like "2026-03-15" is not read as invoice 2026|3.
    const loose = Math.max(width, format.includes('{year}') ? 3 : 6);
    // Formats that differ only in separators scan alike: keep one pattern (the stricter width).
    const source = `(?<![A-Z0-9])${scan}(?![0-9])`;
    const same = f.scan.findIndex((re) => re.source === source);
    if (same >= 0) f.looseDigits[same] = Math.max(f.looseDigits[same]!, loose);
    else {
      f.scan.push(new RegExp(source, 'g'));
      f.looseDigits.push(loose);
    }
  }
  return f;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The key of a known invoice number, or undefined if it fits no format. */
export function numberKey(number: string, f: NumberFormats): NumberKey | undefined {
  const text = fold(number.trim());
  for (const re of f.parse) {
    const m = re.exec(text);
    if (m) return toKey(m.groups!);
  }
  return undefined;
}

function toKey(g: Record<string, string | undefined>): NumberKey {
  return { key: Number(g.y ?? 0) * 1e9 + Number(g.q), ...(g.s && { series: g.s }) };
}

/** How a key reads in messages: "2026/1". */
export function keyText(key: number): string {
  const year = Math.floor(key / 1e9);
  return year ? `${year}/${key % 1e9}` : String(key);
}

/**
 * Every invoice-number mention in a text, deduplicated; `loose` mentions have no series
 * (or a word like RE/Rg./Nr. in its place) and must be resolved by the caller.
 * @example scanNumbers('Rg. INV-2026-0001 u. 2026/0002', f) // [{ key: 2026000000001, series: 'INV' }, { key: 2026000000002 }]
 */
export function scanNumbers(text: string, f: NumberFormats): NumberKey[] {
  const folded = fold(text);
  const out: NumberKey[] = [];
  for (let i = 0; i < f.scan.length; i++) {
    const re = f.scan[i]!;
    re.lastIndex = 0;
    for (let m = re.exec(folded); m; m = re.exec(folded)) {
      const g = m.groups!;
      if (!g.q) continue;
      const k = toKey(g);
      if (k.series && !f.known.has(k.series)) delete k.series; // "RE", "Rg", "Nr", "Faktura" …
      if (!k.series && g.q.length < f.looseDigits[i]!) continue;
      if (!out.some((o) => o.key === k.key && o.series === k.series)) out.push(k);
    }
  }
  return out;
}
