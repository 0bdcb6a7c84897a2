// Default interest, day-exact on integer minor units. Contract:
// - interest runs from the day after the due date up to and including the end date
//   (§ 187 (1) BGB); each day accrues principal × (base rate + margin) / days in that
//   calendar year (actual/actual), with the rate of that day;
// - the sum is exact (BigInt over one common denominator) and rounded once, half away
//   from zero, to minor units; callers that settle in steps round at each step;
// - interest bears no interest (§ 289 BGB): only principal accrues.
import { addDays, type CalendarDate } from '../../domain/dates.js';
import { divRound, toMinor } from '../../domain/money.js';
import { daysBetween } from '../calendar.js';
import { rateOn, type BaseRateTable } from './rates.js';

/** 365 · 366: each day's share of a year is a whole multiple of 1/DAYS_LCM. */
const DAYS_LCM = 365n * 366n;
const DENOMINATOR = 10_000n * DAYS_LCM;

/**
 * Interest in minor units on `principalMinor` for the days (from, to].
 * @example accrueInterest(100000, '2025-01-15', '2025-03-16', 900, table) // 1853 (11.27 % for 60 days)
 */
export function accrueInterest(principalMinor: number, from: CalendarDate, to: CalendarDate, marginBp: number, table: BaseRateTable): number {
  return toMinor(divRound(interestNumerator(principalMinor, from, to, marginBp, table), DENOMINATOR), 'interest');
}

function interestNumerator(principalMinor: number, from: CalendarDate, to: CalendarDate, marginBp: number, table: BaseRateTable): bigint {
  if (principalMinor <= 0 || to <= from) return 0n;
  let sum = 0n;
  let day = addDays(from, 1);
  while (day <= to) {
    // A segment runs while the rate and the year stay the same.
    const end = minDate(to, `${day.slice(0, 4)}-12-31`, dayBeforeNextPeriod(table, day));
    const days = BigInt(daysBetween(day, end) + 1);
    const rate = BigInt(rateOn(table, day) + marginBp);
    const perYear = leap(Number(day.slice(0, 4))) ? 366n : 365n;
    sum += BigInt(principalMinor) * rate * days * (DAYS_LCM / perYear);
    day = addDays(end, 1);
  }
  return sum;
}

function dayBeforeNextPeriod(table: BaseRateTable, day: CalendarDate): CalendarDate {
  const next = table.periods.find((p) => p.from > day);
  return next ? addDays(next.from, -1) : table.knownUntil;
}

function minDate(...dates: CalendarDate[]): CalendarDate {
  return dates.reduce((a, b) => (b < a ? b : a));
}

function leap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
