// Dates in bank exports: "24.03.2026", "24.03.26", "2026-03-24", "03/24/2026", "20260324".
import { isCalendarDate, type CalendarDate } from '../../domain/dates.js';

export const DATE_FORMATS = ['DD.MM.YYYY', 'DD.MM.YY', 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD-MM-YYYY', 'YYYYMMDD', 'YYMMDD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

function patternOf(format: DateFormat): RegExp {
  const src = format.replace(/[./-]/g, (c) => `\\${c}`).replace(/YYYY|YY|MM|DD/g, (t) => `(?<${t[0]}>\\d{${t.length}})`);
  return new RegExp(`^${src}$`);
}
const PATTERNS = new Map(DATE_FORMATS.map((f) => [f, patternOf(f)]));

/**
 * A calendar date from text in `format`; two-digit years are 20YY. Throws with a reason.
 * @example parseDate('24.03.26', 'DD.MM.YY') // '2026-03-24'
 */
export function parseDate(text: string, format: DateFormat): CalendarDate {
  const g = PATTERNS.get(format)!.exec(text.trim())?.groups;
  if (!g) throw new Error(`"${text}" is not a date in the format ${format}`);
  const year = g.Y!.length === 2 ? `20${g.Y}` : g.Y!;
  const date = `${year}-${g.M}-${g.D}`;
  if (!isCalendarDate(date)) throw new Error(`"${text}" is not a real date (${format})`);
  return date;
}
