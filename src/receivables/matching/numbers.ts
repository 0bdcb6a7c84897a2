// Invoice numbers in remittance text. Payers write "INV-2026-0001", "inv 2026 0001",
// "Rg. 2026/0001", "Rechnung Nr. INV20260001" or "Faktura FV/2026/0001". Each number
// format (src/domain/numbering.ts) compiles to a pattern that accepts any separators (or
// none) between series, year and sequence; a number reduces to a key "YEAR|SEQ" plus
// its series, so "0001" and "1" meet and the series can be checked separately.
import { DEFAULT_NUMBER_FORMAT } from '../../domain/numbering.js';
import { fold } from '../text.js';

export interface NumberKey {
  /** "2026|1" — year (empty if the format has none) and the sequence as an integer. */
  key: string;
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
}

/**
 * Compiles number formats. `knownSeries` (the series of open invoices) decides which
 * letters before a number are a series and which are a word like RE, Rg., Nr., Faktura.
 */
export function compileFormats(formats: readonly string[] = [DEFAULT_NUMBER_FORMAT], knownSeries: Iterable<string> = []): NumberFormats {
  const known = new Set([...knownSeries].map((s) => fold(s)));
  const seriesAlt = [...[...known].sort((a, b) => b.length - a.length).map(escape), '[A-Z]{1,12}'].join('|');
  const f: NumberFormats = { parse: [], scan: [], looseDigits: [], known };
  for (const format of formats) {
    let scan = '';
    let parse = '';
    let width = 0;
    for (const t of format.split(TOKEN).filter(Boolean)) {
      if (t === '{series}') {
        scan += `(?:(?<s>${seriesAlt})${SEP})?`;
        parse += '(?<s>[A-Z][A-Z0-9]{0,9})';
      } else if (t === '{year}') {
        scan += '(?<y>20\\d{2})';
        parse += '(?<y>\\d{4})';
      } else if (t.startsWith('{seq')) {
        width = Number(/:(\d)/.exec(t)?.[1] ?? 0);
        scan += '(?<q>\\d{1,9})';
        parse += '(?<q>\\d{1,12})';
      } else {
        const letters = fold(t).replace(/[^A-Z0-9]/g, '');
        const lit = letters ? `${SEP}${escape(letters)}${SEP}` : SEP;
        scan += lit;
        parse += lit;
      }
    }
    f.scan.push(new RegExp(`(?<![A-Z0-9])${scan}(?![0-9])`, 'g'));
    f.parse.push(new RegExp(`^${parse}$`));
    // Without a series a sequence must be as wide as the format pads it (at least 3
    // digits), so a date like "2026-03-15" is not read as invoice 2026|3.
    f.looseDigits.push(Math.max(width, format.includes('{year}') ? 3 : 6));
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
  return { key: `${g.y ?? ''}|${Number(g.q)}`, ...(g.s && { series: g.s }) };
}

/**
 * Every invoice-number mention in a text, deduplicated; `loose` mentions have no series
 * (or a word like RE/Rg./Nr. in its place) and must be resolved by the caller.
 * @example scanNumbers('Rg. INV-2026-0001 u. 2026/0002', f) // [{key:'2026|1',series:'INV'}, {key:'2026|2'}]
 */
export function scanNumbers(text: string, f: NumberFormats): NumberKey[] {
  const folded = fold(text);
  const out = new Map<string, NumberKey>();
  f.scan.forEach((re, i) => {
    for (const m of folded.matchAll(re)) {
      const g = m.groups!;
      if (!g.q) continue;
      const k = toKey(g);
      if (k.series && !f.known.has(k.series)) delete k.series; // "RE", "Rg", "Nr", "Faktura" …
      if (!k.series && g.q.length < f.looseDigits[i]!) continue;
      const id = `${k.series ?? ''}|${k.key}`;
      if (!out.has(id)) out.set(id, k);
    }
  });
  return [...out.values()];
}
