// Day arithmetic on calendar dates (YYYY-MM-DD in the tenant's time zone, see
// src/domain/dates.ts). Candidate for src/domain/dates.ts once its owner agrees.
// Previews and reports ask the same few dates over and over (one "today", due dates
// shared by many invoices), so results are memoised in small bounded caches.
import { addDays, isCalendarDate, type CalendarDate } from '../domain/dates.js';

const DAY_MS = 86_400_000;
const dayCache = new Map<string, number>();
const shiftCache = new Map<string, CalendarDate>();

/** Days since 1970-01-01 of a calendar date; throws for anything else. */
export function dayNumber(date: CalendarDate): number {
  let n = dayCache.get(date);
  if (n === undefined) {
    if (!isCalendarDate(date)) throw new Error(`"${date}" is not a date (YYYY-MM-DD)`);
    n = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
    if (dayCache.size > 10_000) dayCache.clear();
    dayCache.set(date, n);
  }
  return n;
}

/** Whole days from `from` to `to` (negative if `to` is earlier). @example daysBetween('2026-02-27', '2026-03-01') // 2 */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** addDays, memoised: "today − N days" for the few N of a dunning run. */
export function shiftDays(date: CalendarDate, days: number): CalendarDate {
  const key = `${date}|${days}`;
  let out = shiftCache.get(key);
  if (out === undefined) {
    out = addDays(date, days);
    if (shiftCache.size > 1_000) shiftCache.clear();
    shiftCache.set(key, out);
  }
  return out;
}
