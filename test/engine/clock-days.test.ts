import { describe, expect, it } from 'vitest';
import { localInstant, planTick } from '../../src/engine/clock-days.js';
import { clockOffsets, rulesFor } from '../../src/engine/match.js';
import type { RecflowEvent } from '../../src/events/catalog.js';
import type { CompiledRule } from '../../src/rules/snapshot.js';

describe('the tenant clock days', () => {
  it.each([
    ['2026-03-02', '06:00', 'Europe/Bucharest', '2026-03-02T04:00:00.000Z'],
    ['2026-07-02', '06:00', 'Europe/Bucharest', '2026-07-02T03:00:00.000Z'], // summer time
    ['2026-03-29', '06:00', 'Europe/Bucharest', '2026-03-29T03:00:00.000Z'], // the day clocks go forward (03:00 → 04:00)
    ['2026-10-25', '06:00', 'Europe/Bucharest', '2026-10-25T04:00:00.000Z'], // and back
    ['2026-01-15', '09:30', 'America/New_York', '2026-01-15T14:30:00.000Z'],
    ['2026-01-15', '00:00', 'UTC', '2026-01-15T00:00:00.000Z'],
  ])('%s %s in %s is %s', (date, at, tz, iso) => expect(new Date(localInstant(date, at, tz)).toISOString()).toBe(iso));

  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['new clock after the tick time: today only', { now: at('2026-03-02T05:00:00Z') }, ['2026-03-02'], '2026-03-02', '2026-03-03T04:00:00.000Z'],
    ['new clock before it: yesterday only', { now: at('2026-03-02T03:00:00Z') }, ['2026-03-01'], '2026-03-01', '2026-03-02T04:00:00.000Z'],
    ['the next day', { now: at('2026-03-03T04:00:00Z'), lastDay: '2026-03-02' }, ['2026-03-03'], '2026-03-03', '2026-03-04T04:00:00.000Z'],
    ['woken early: nothing', { now: at('2026-03-03T03:59:00Z'), lastDay: '2026-03-02' }, [], '2026-03-02', '2026-03-03T04:00:00.000Z'],
    ['down three days: catches up', { now: at('2026-03-05T10:00:00Z'), lastDay: '2026-03-02' }, ['2026-03-03', '2026-03-04', '2026-03-05'], '2026-03-05', '2026-03-06T04:00:00.000Z'],
    ['new offsets: the last day again', { now: at('2026-03-02T10:00:00Z'), lastDay: '2026-03-02', redo: true }, ['2026-03-02'], '2026-03-02', '2026-03-03T04:00:00.000Z'],
  ])('%s', (_name, opts, days, lastDay, next) => {
    const plan = planTick({ at: '06:00', timeZone: 'Europe/Bucharest', ...opts });
    expect(plan.days).toEqual(days);
    expect(plan.lastDay).toBe(lastDay);
    expect(new Date(plan.nextAt).toISOString()).toBe(next);
  });
});

describe('which rules an event fires', () => {
  const rule = (id: string, when: CompiledRule['when']) => ({ id, when }) as CompiledRule;
  const rules = [
    rule('due-3', { event: 'invoice/due-soon', days: 3 }),
    rule('due-7', { event: 'invoice/due-soon', days: 7 }),
    rule('over-1', { event: 'invoice/overdue', days: 1 }),
    rule('over-14', { event: 'invoice/overdue', days: 14 }),
    rule('over-14b', { event: 'invoice/overdue', days: 14 }),
    rule('level-2', { event: 'dunning/level-reached', level: 2 }),
    rule('proformas', { event: 'invoice/issued', kind: ['proforma'] }),
    rule('issued', { event: 'invoice/issued' }),
    rule('paid', { event: 'invoice/paid' }),
  ];
  const base = { tenantId: 't', customerId: 'c', invoiceId: 'i', occurredAt: '2026-03-02T04:00:00Z' };
  it.each<[string, RecflowEvent, string[]]>([
    ['due soon by its days', { ...base, type: 'invoice/due-soon', id: 'a', days: 3, dueDate: '2026-03-05' }, ['due-3']],
    ['overdue by its days', { ...base, type: 'invoice/overdue', id: 'b', days: 14, dueDate: '2026-02-16' }, ['over-14', 'over-14b']],
    ['a dunning level', { ...base, type: 'dunning/level-reached', id: 'c', level: 2 }, ['level-2']],
    ['another level', { ...base, type: 'dunning/level-reached', id: 'd', level: 3 }, []],
    ['an issued proforma', { ...base, type: 'invoice/issued', id: 'e', kind: 'proforma', number: 'PF-1' }, ['proformas', 'issued']],
    ['an issued final invoice', { ...base, type: 'invoice/issued', id: 'f', kind: 'final', number: 'INV-1' }, ['issued']],
    ['paid', { ...base, type: 'invoice/paid', id: 'g' }, ['paid']],
  ])('%s', (_name, event, ids) => expect(rulesFor(rules, event).map((r) => r.id)).toEqual(ids));

  it('tells the clock the offsets in use', () => expect(clockOffsets(rules)).toEqual({ dueSoon: [3, 7], overdue: [1, 14] }));
});
