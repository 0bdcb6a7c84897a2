import { describe, expect, it } from 'vitest';
import { dunningLevel } from '../../src/receivables/dunning/levels.js';
import { dunningPreview } from '../../src/receivables/dunning/preview.js';
import type { DunningSettings } from '../../src/receivables/dunning/settings.js';
import { item } from './support.js';

const days = { level1: 7, level2: 14, level3: 10 };
const today = '2026-03-20';

// Rows of PRODUCT.md's table, each with the cases either side of its date test.
describe('dunning levels per the table (today 2026-03-20; days 7 / 14 / 10)', () => {
  it.each([
    ['1: none; paid < amount; due date < today − 7', { openMinor: 100, dueDate: '2026-03-12', remindersCount: 0 }, 1],
    ['1: due date = today − 7 is not before it', { openMinor: 100, dueDate: '2026-03-13', remindersCount: 0 }, 'not yet'],
    ['1: not overdue at all', { openMinor: 100, dueDate: '2026-03-25', remindersCount: 0 }, 'not yet'],
    ['1: paid = amount', { openMinor: 0, dueDate: '2026-01-01', remindersCount: 0 }, 'paid'],
    ['2: exactly one; last reminder < today − 14', { openMinor: 100, dueDate: '2026-01-01', remindersCount: 1, lastReminderDate: '2026-03-05' }, 2],
    ['2: last reminder = today − 14', { openMinor: 100, dueDate: '2026-01-01', remindersCount: 1, lastReminderDate: '2026-03-06' }, 'not yet'],
    ['2: paid = amount', { openMinor: 0, dueDate: '2026-01-01', remindersCount: 1, lastReminderDate: '2026-01-10' }, 'paid'],
    ['3: more than one (2); last reminder < today − 10', { openMinor: 100, dueDate: '2026-01-01', remindersCount: 2, lastReminderDate: '2026-03-09' }, 3],
    ['3: more than one (5) repeats level 3', { openMinor: 1, dueDate: '2025-06-01', remindersCount: 5, lastReminderDate: '2026-03-01' }, 3],
    ['3: last reminder = today − 10', { openMinor: 100, dueDate: '2026-01-01', remindersCount: 2, lastReminderDate: '2026-03-10' }, 'not yet'],
    ['3: paid = amount', { openMinor: 0, dueDate: '2026-01-01', remindersCount: 3, lastReminderDate: '2026-01-10' }, 'paid'],
    ['reminded but no date recorded', { openMinor: 100, dueDate: '2026-01-01', remindersCount: 1 }, 'no last reminder date'],
  ])('%s', (_, part, expected) => expect(dunningLevel(part, days, today)).toBe(expected));

  it('counts across a month end and a leap day', () => {
    expect(dunningLevel({ openMinor: 1, dueDate: '2028-02-21', remindersCount: 0 }, { ...days, level1: 7 }, '2028-02-29')).toBe(1);
    expect(dunningLevel({ openMinor: 1, dueDate: '2028-02-22', remindersCount: 0 }, { ...days, level1: 7 }, '2028-02-29')).toBe('not yet');
  });
});

describe('dunning preview', () => {
  const items = [
    // one invoice, two parts evaluated separately
    item('INV-2026-0031', 'tarau', 30000, '2026-02-01', { part: 'prepayment', remindersCount: 1, lastReminderDate: '2026-02-10', branchId: 'buc', currency: 'RON' }),
    item('INV-2026-0031', 'tarau', 70000, '2026-03-10', { branchId: 'buc', currency: 'RON' }),
    item('INV-2026-0001', 'mueller', 119000, '2026-03-01', { branchId: 'koeln' }),
    item('INV-2026-0002', 'mueller', 59500, '2026-02-01', { branchId: 'koeln', remindersCount: 2, lastReminderDate: '2026-03-01' }),
    item('INV-2026-0003', 'mueller', 23800, '2026-03-01', { branchId: 'koeln', dunningStop: true }),
    item('INV-2026-0004', 'popescu', 12000, '2026-03-01', { branchId: 'buc', currency: 'RON' }),
    item('INV-2026-0005', 'kowalski', 100, '2026-01-01', { branchId: 'koeln', remindersCount: 1 }),
  ];
  const settings: DunningSettings = {
    defaultDays: { level1: 7, level2: 14, level3: 14 },
    branchDays: new Map([['buc', { level1: 5, level2: 10, level3: 10 }]]),
    customers: new Map([
      ['mueller', { days: { level1: 30 } }],
      ['popescu', { dunningStop: true }],
    ]),
  };
  const view = (p: ReturnType<typeof dunningPreview>) => p.rows.map((r) => `${r.number} ${r.part} L${r.level} ${r.daysOverdue}d ${r.amountOpenMinor} ${r.currency}`);

  it('whole tenant, all customers, all levels: branch days, customer overrides, stops', () => {
    const p = dunningPreview(items, settings, { today });
    expect(view(p)).toEqual([
      'INV-2026-0002 remaining L3 47d 59500 EUR', // level 3 after two reminders, 14 days since the last
      'INV-2026-0031 prepayment L2 47d 30000 RON', // Bucharest: level 2 after 10 days
      'INV-2026-0031 remaining L1 10d 70000 RON', // Bucharest: level 1 after 5 days
    ]);
    // INV-2026-0001: Müller's own 30 days for level 1 are not over yet.
    expect(p.held.map((h) => `${h.number} ${h.stop}`)).toEqual(['INV-2026-0004 customer']);
    expect(p.problems).toEqual([{ invoiceId: 'inv:INV-2026-0005', number: 'INV-2026-0005', part: 'remaining', problem: '1 reminder(s) recorded but no last reminder date' }]);
  });

  it('an invoice stop holds a part that would otherwise be due', () => {
    const p = dunningPreview(items, { ...settings, customers: new Map() }, { today, customerId: 'mueller' });
    expect(view(p)).toEqual(['INV-2026-0002 remaining L3 47d 59500 EUR', 'INV-2026-0001 remaining L1 19d 119000 EUR']);
    expect(p.held.map((h) => `${h.number} ${h.stop}`)).toEqual(['INV-2026-0003 invoice']);
  });

  it.each([
    [{ branchId: 'buc' }, ['INV-2026-0031 prepayment L2 47d 30000 RON', 'INV-2026-0031 remaining L1 10d 70000 RON']],
    [{ level: 2 as const }, ['INV-2026-0031 prepayment L2 47d 30000 RON']],
    [{ customerId: 'tarau', level: 1 as const }, ['INV-2026-0031 remaining L1 10d 70000 RON']],
    [{ branchId: 'koeln', level: 1 as const }, []],
  ])('filter %j', (filter, expected) => expect(view(dunningPreview(items, settings, { today, ...filter }))).toEqual(expected));
});
