// When a recurring invoice is due, as data: the months of its cycle, the day in each month
// (day 31 in a 30-day month → the 30th; 29–31 in February → the 28th, or the 29th in leap
// years), and the Temporal calendar spec that fires exactly then. Pure.
import type { CalendarSpec, Month, ScheduleSpec } from '@temporalio/client';
import { isCalendarDate } from '../domain/dates.js';
import { RecurringError } from './errors.js';

const MONTHS: Month[] = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];
/** A cycle must repeat every year for a calendar spec to express it. */
export const EVERY_MONTHS = [1, 2, 3, 4, 6, 12] as const;
/** February dates are spelled out per year up to here: Temporal accepts calendar years 2000–2100. */
const LAST_YEAR = 2100;

export interface Cadence {
  everyMonths: number;
  dayOfMonth: number;
  /** HH:MM, local time in timeZone. */
  at: string;
  /** YYYY-MM-DD: nothing is due before this local date. */
  startDate: string;
  timeZone: string;
}

/** @example parseEvery('3 months') // 3 */
export function parseEvery(text: string): number {
  const m = /^\s*(\d+)\s*(months?|m)?\s*$/i.exec(text);
  const n = m ? Number(m[1]) : NaN;
  if (!m) throw new RecurringError('invalid_input', `every: "${text}" is not a number of months; write 1 month, 3 months, …`);
  return checkEvery(n);
}

export function checkEvery(n: number): number {
  if (!(EVERY_MONTHS as readonly number[]).includes(n)) {
    throw new RecurringError('invalid_input', `everyMonths: ${n} does not divide a year; use ${EVERY_MONTHS.join(', ')}`);
  }
  return n;
}

/** Throws a RecurringError naming the field that is wrong. */
export function checkCadence(c: Cadence): Cadence {
  checkEvery(c.everyMonths);
  if (!Number.isInteger(c.dayOfMonth) || c.dayOfMonth < 1 || c.dayOfMonth > 31) throw new RecurringError('invalid_input', `dayOfMonth: ${c.dayOfMonth} is not a day 1–31`);
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(c.at)) throw new RecurringError('invalid_input', `at: "${c.at}" is not a time of day such as 09:00`);
  if (!isCalendarDate(c.startDate)) throw new RecurringError('invalid_input', `startDate: "${c.startDate}" is not a date (YYYY-MM-DD)`);
  return c;
}

export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day a cadence's invoice is due in a month: its day, or the month's last day if shorter. */
export function dueDay(dayOfMonth: number, year: number, month: number): number {
  return Math.min(dayOfMonth, daysIn(year, month));
}

/** The first period (YYYY-MM) whose due date is on or after the start date; it anchors the cycle. */
export function firstPeriod(c: Pick<Cadence, 'dayOfMonth' | 'startDate'>): string {
  let y = Number(c.startDate.slice(0, 4));
  let m = Number(c.startDate.slice(5, 7));
  if (dueDay(c.dayOfMonth, y, m) < Number(c.startDate.slice(8, 10))) [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  return `${y}-${String(m).padStart(2, '0')}`;
}

/**
 * Whether a period (YYYY-MM) is one of the cadence's: not before the start date's month and
 * on the cycle (anchored at the first scheduled period). The start month itself counts even
 * when its day has passed: the schedule never fires for it, but a manual run (trigger) in
 * that month invoices it. Says why not, for the run's result.
 */
export function periodStatus(c: Cadence, period: string): { due: true } | { due: false; why: string } {
  const first = firstPeriod(c);
  if (period < c.startDate.slice(0, 7)) return { due: false, why: `${period} is before the start date ${c.startDate}` };
  const index = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  if ((index(period) - index(first)) % c.everyMonths !== 0) return { due: false, why: `${period} is not in the cycle (every ${c.everyMonths} months from ${first})` };
  return { due: true };
}

/** The months (1–12) of the cycle. */
export function cycleMonths(c: Pick<Cadence, 'everyMonths' | 'dayOfMonth' | 'startDate'>): number[] {
  const first = Number(firstPeriod(c).slice(5, 7));
  return Array.from({ length: 12 / c.everyMonths }, (_, i) => ((first - 1 + i * c.everyMonths) % 12) + 1).sort((a, b) => a - b);
}

/**
 * The Temporal schedule spec: one calendar per distinct due day (months shorter than the
 * day fire on their last day), February split into leap and common years when the day is
 * past the 28th. startAt is the start date's local midnight.
 */
export function scheduleSpec(c: Cadence): ScheduleSpec {
  checkCadence(c);
  const [hour, minute] = c.at.split(':').map(Number) as [number, number];
  const startYear = Number(c.startDate.slice(0, 4));
  const calendars: CalendarSpec[] = [];
  const byDay = new Map<number, number[]>();
  for (const m of cycleMonths(c)) {
    if (m === 2 && c.dayOfMonth > 28) continue;
    const day = dueDay(c.dayOfMonth, 2001, m); // 2001: any common year; February is handled below
    byDay.set(day, [...(byDay.get(day) ?? []), m]);
  }
  for (const [day, months] of byDay) {
    calendars.push({ dayOfMonth: day, month: months.map((m) => MONTHS[m - 1]!), hour, minute, comment: day < c.dayOfMonth ? `day ${c.dayOfMonth} → last day (${day})` : `day ${day}` });
  }
  if (cycleMonths(c).includes(2) && c.dayOfMonth > 28) {
    calendars.push({ dayOfMonth: 29, month: 'FEBRUARY', year: leapYears(startYear, true), hour, minute, comment: 'February, leap years: the 29th' });
    calendars.push({ dayOfMonth: 28, month: 'FEBRUARY', year: leapYears(startYear, false), hour, minute, comment: 'February, common years: the 28th' });
  }
  return { calendars, timezone: c.timeZone, startAt: zonedMidnight(c.startDate, c.timeZone) };
}

/** Year ranges (step 4 between century exceptions) of leap or common years up to 2100. */
function leapYears(from: number, leap: boolean): { start: number; end: number; step: number }[] {
  const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const years: number[] = [];
  for (let y = from; y <= LAST_YEAR; y++) if (isLeap(y) === leap) years.push(y);
  // Greedy runs of step 4, single years otherwise.
  const ranges: { start: number; end: number; step: number }[] = [];
  const used = new Set<number>();
  for (const y of years) {
    if (used.has(y)) continue;
    let end = y;
    while (years.includes(end + 4) && !used.has(end + 4) && !(leap ? false : (end + 4) % 100 === 0)) end += 4;
    for (let v = y; v <= end; v += 4) used.add(v);
    ranges.push({ start: y, end, step: 4 });
  }
  return ranges;
}

/** The instant a local date begins in a time zone. */
export function zonedMidnight(date: string, timeZone: string): Date {
  const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  let guess = utc;
  for (let i = 0; i < 3; i++) guess = utc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return local - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The period (YYYY-MM) an instant falls in, in the tenant's time zone. */
export function periodOf(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(instant).slice(0, 7);
}

/** "every month on day 5 at 09:00" */
export function describeCadence(c: Pick<Cadence, 'everyMonths' | 'dayOfMonth' | 'at'>): string {
  return `every ${c.everyMonths === 1 ? 'month' : `${c.everyMonths} months`} on day ${c.dayOfMonth} at ${c.at}`;
}
