// Calendar arithmetic for the tenant clock: which days a tick covers and when the next
// one is due, in the tenant's time zone. Pure (Intl only), so tests use tables.
import { addDays, localDate } from '../domain/dates.js';

/** The clock never catches up more than this many days in one tick. */
export const MAX_CATCH_UP_DAYS = 62;

/** Minutes east of UTC of a time zone at an instant. */
function offsetMinutes(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant of a local wall-clock time on a calendar date.
 * @example localInstant('2026-03-02', '06:00', 'Europe/Bucharest') // Date.parse('2026-03-02T04:00:00Z')
 */
export function localInstant(date: string, at: string, timeZone: string): number {
  const [h, m] = at.split(':').map(Number) as [number, number];
  const wall = Date.parse(`${date}T00:00:00Z`) + (h * 60 + m) * 60_000;
  let guess = wall - offsetMinutes(wall, timeZone) * 60_000;
  guess = wall - offsetMinutes(guess, timeZone) * 60_000; // across a DST change
  return guess;
}

export interface TickPlan {
  /** Calendar days to record events for, oldest first (may be empty). */
  days: string[];
  /** The last day covered after this tick. */
  lastDay: string;
  /** When the next tick is due (ms). */
  nextAt: number;
}

/**
 * Days since `lastDay` whose local tick time has passed by `now`. Without a last day
 * (a new clock) only the latest such day: nothing from before the clock existed.
 * `redo` covers lastDay again (new offsets arrived; event ids keep it from doubling).
 */
export function planTick(opts: { now: number; at: string; timeZone: string; lastDay?: string; redo?: boolean }): TickPlan {
  const today = localDate(new Date(opts.now), opts.timeZone);
  const due = opts.now >= localInstant(today, opts.at, opts.timeZone) ? today : addDays(today, -1);
  const days: string[] = [];
  if (!opts.lastDay) days.push(due);
  else {
    let day = opts.redo ? opts.lastDay : addDays(opts.lastDay, 1);
    if (day < addDays(due, -MAX_CATCH_UP_DAYS)) day = addDays(due, -MAX_CATCH_UP_DAYS);
    for (; day <= due; day = addDays(day, 1)) days.push(day);
  }
  const lastDay = !opts.lastDay || due > opts.lastDay ? due : opts.lastDay;
  return { days, lastDay, nextAt: localInstant(addDays(lastDay, 1), opts.at, opts.timeZone) };
}
