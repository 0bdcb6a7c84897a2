// The cadence as data: periods, the cycle, the last-day rule and the calendar spec. Pure.
import { describe, expect, it } from 'vitest';
import { cycleMonths, dueDay, firstPeriod, parseEvery, periodOf, periodStatus, scheduleSpec, zonedMidnight } from '../../src/recurring/spec.js';

const cadence = { everyMonths: 1, dayOfMonth: 31, at: '09:00', startDate: '2026-11-23', timeZone: 'Europe/Bucharest' };

describe('recurring cadence', () => {
  it.each([
    [31, 2026, 4, 30],
    [31, 2027, 2, 28],
    [31, 2028, 2, 29],
    [29, 2027, 2, 28],
    [30, 2026, 12, 30],
    [5, 2026, 2, 5],
  ])('day %i in %i-%i falls on the %i', (day, y, m, expected) => expect(dueDay(day, y, m)).toBe(expected));

  it('names the period in the tenant time zone', () => {
    expect(periodOf(new Date('2026-12-31T22:30:00Z'), 'Europe/Bucharest')).toBe('2027-01');
    expect(periodOf(new Date('2026-12-31T22:30:00Z'), 'UTC')).toBe('2026-12');
  });

  it('anchors the cycle at the first due date on or after the start date', () => {
    expect(firstPeriod({ dayOfMonth: 5, startDate: '2026-11-23' })).toBe('2026-12');
    expect(firstPeriod({ dayOfMonth: 31, startDate: '2026-11-23' })).toBe('2026-11'); // the 30th
    expect(cycleMonths({ everyMonths: 3, dayOfMonth: 5, startDate: '2026-11-23' })).toEqual([3, 6, 9, 12]);
    expect(periodStatus({ ...cadence, everyMonths: 3 }, '2027-02')).toEqual({ due: true });
    expect(periodStatus({ ...cadence, everyMonths: 3 }, '2027-01')).toMatchObject({ due: false, why: expect.stringContaining('not in the cycle') });
    expect(periodStatus(cadence, '2026-10')).toMatchObject({ due: false, why: expect.stringContaining('before the start date 2026-11-23') });
    // The start month counts for a manual run even when its day has passed.
    expect(periodStatus({ ...cadence, dayOfMonth: 1 }, '2026-11')).toEqual({ due: true });
  });

  it('reads every in plain words and refuses cycles that do not divide a year', () => {
    expect(parseEvery('1 month')).toBe(1);
    expect(parseEvery('3 months')).toBe(3);
    expect(() => parseEvery('5 months')).toThrow('everyMonths: 5 does not divide a year');
    expect(() => parseEvery('2 weeks')).toThrow('every: "2 weeks" is not a number of months');
  });

  it('builds calendars: short months on their last day, February by leap year, local midnight start', () => {
    const spec = scheduleSpec(cadence);
    expect(spec.timezone).toBe('Europe/Bucharest');
    expect(spec.startAt).toEqual(new Date('2026-11-22T22:00:00Z'));
    expect(spec.calendars!.map((c) => [c.dayOfMonth, c.month])).toEqual([
      [31, ['JANUARY', 'MARCH', 'MAY', 'JULY', 'AUGUST', 'OCTOBER', 'DECEMBER']],
      [30, ['APRIL', 'JUNE', 'SEPTEMBER', 'NOVEMBER']],
      [29, 'FEBRUARY'],
      [28, 'FEBRUARY'],
    ]);
    expect(spec.calendars![2]!.year).toEqual([{ start: 2028, end: 2096, step: 4 }]);
    expect(zonedMidnight('2026-07-05', 'America/New_York')).toEqual(new Date('2026-07-05T04:00:00Z'));
    expect(scheduleSpec({ ...cadence, dayOfMonth: 5 }).calendars).toEqual([{ dayOfMonth: 5, month: expect.any(Array), hour: 9, minute: 0, comment: 'day 5' }]);
  });
});
