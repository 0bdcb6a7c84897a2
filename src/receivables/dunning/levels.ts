// The dunning table of PRODUCT.md (seed 003), evaluated for one part of an invoice:
//
// | level | previous reminders for that part | paid < amount | date test                                        |
// | 1     | none                             | yes           | due date < today − customer's days for level 1    |
// | 2     | exactly one                      | yes           | last reminder date < today − days for level 2     |
// | 3     | more than one                    | yes           | last reminder date < today − days for level 3     |
//
// Level 3 repeats every "days for level 3" while the part stays unpaid.
import { z } from 'zod';
import type { CalendarDate } from '../../domain/dates.js';
import { shiftDays } from '../calendar.js';
import type { OpenItem } from '../open-item.js';

export const DUNNING_LEVELS = [1, 2, 3] as const;
export type DunningLevel = (typeof DUNNING_LEVELS)[number];

const days = z.number().int().min(0).max(365);
export const dunningDaysSchema = z.strictObject({ level1: days, level2: days, level3: days });
export type DunningDays = z.infer<typeof dunningDaysSchema>;

export type PartState = Pick<OpenItem, 'openMinor' | 'dueDate' | 'remindersCount' | 'lastReminderDate'>;

/** Why a part is not due for a reminder, for previews that explain themselves. */
export type NotDue = 'paid' | 'not yet' | 'no last reminder date';

/**
 * The level a part is due for today, or why not.
 * @example dunningLevel({ openMinor: 100, dueDate: '2026-03-01', remindersCount: 0 }, { level1: 7, level2: 14, level3: 14 }, '2026-03-09') // 1
 */
export function dunningLevel(part: PartState, d: DunningDays, today: CalendarDate): DunningLevel | NotDue {
  if (part.openMinor <= 0) return 'paid';
  if (part.remindersCount === 0) return part.dueDate < shiftDays(today, -d.level1) ? 1 : 'not yet';
  if (!part.lastReminderDate) return 'no last reminder date';
  if (part.remindersCount === 1) return part.lastReminderDate < shiftDays(today, -d.level2) ? 2 : 'not yet';
  return part.lastReminderDate < shiftDays(today, -d.level3) ? 3 : 'not yet';
}
