// Day arithmetic on calendar dates (YYYY-MM-DD in the tenant's time zone, see
// src/domain/dates.ts). Candidate for src/domain/dates.ts once its owner agrees.
import { isCalendarDate, type CalendarDate } from '../domain/dates.js';

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative if `to` is earlier). @example daysBetween('2026-02-27', '2026-03-01') // 2 */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return (toUtc(to) - toUtc(from)) / DAY_MS;
}

function toUtc(date: CalendarDate): number {
  if (!isCalendarDate(date)) throw new Error(`"${date}" is not a date (YYYY-MM-DD)`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}
