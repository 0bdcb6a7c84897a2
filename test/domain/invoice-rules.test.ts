import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDate, localDate } from '../../src/domain/dates.js';
import { transition, statusLabel, InvalidTransition, type InvoiceEvent, type InvoiceStatus } from '../../src/domain/invoice-status.js';
import { formatInvoiceNumber, seriesFor } from '../../src/domain/numbering.js';
import { allocateToParts, splitParts } from '../../src/domain/parts.js';

describe('numbering format', () => {
  it.each([
    [{ series: 'PF', year: 2026, seq: 1 }, undefined, 'PF-2026-0001'],
    [{ series: 'INV', year: 2026, seq: 12345 }, undefined, 'INV-2026-12345'],
    [{ series: 'CN', year: 2027, seq: 3 }, '{series}/{seq:6}/{year}', 'CN/000003/2027'],
    [{ series: 'A1', year: 2026, seq: 9 }, '{series}{seq}', 'A19'],
  ])('%j %s → %s', (n, format, text) => expect(formatInvoiceNumber(n, format)).toBe(text));
  it.each([
    [{ series: 'inv', year: 2026, seq: 1 }, undefined, /series/],
    [{ series: 'INV', year: 2026, seq: 0 }, undefined, /positive/],
    [{ series: 'INV', year: 2026, seq: 1 }, '{series}-{year}', /no \{seq\}/],
  ])('rejects %j %s', (n, format, message) => expect(() => formatInvoiceNumber(n, format)).toThrow(message));
  it('numbers a storno in its original series', () => {
    expect(seriesFor('storno', { series: 'INV' })).toBe('INV');
    expect(seriesFor('proforma')).toBe('PF');
    expect(seriesFor('credit_note')).toBe('CN');
  });
});

describe('dates in the tenant time zone', () => {
  it.each([
    ['2026-12-31T22:30:00Z', 'Europe/Bucharest', '2027-01-01'],
    ['2026-12-31T22:30:00Z', 'UTC', '2026-12-31'],
    ['2026-01-01T03:00:00Z', 'America/New_York', '2025-12-31'],
  ])('%s in %s is %s', (iso, tz, date) => expect(localDate(new Date(iso), tz)).toBe(date));
  it.each([
    ['2026-02-27', 2, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 14, '2027-01-14'],
  ])('%s + %i days = %s', (d, n, r) => expect(addDays(d, n)).toBe(r));
  it.each(['2026-02-30', '2026-13-01', '2026-00-10', '2026-1-01', 'x'])('%s is not a date', (d) => expect(isCalendarDate(d)).toBe(false));
});

describe('prepayment and remaining parts', () => {
  it.each([
    [10000, undefined, [['remaining', 10000, '2026-12-31']]],
    [10000, { percentBp: 3000, dueDate: '2026-12-01' }, [['prepayment', 3000, '2026-12-01'], ['remaining', 7000, '2026-12-31']]],
    [9999, { percentBp: 5000, dueDate: '2026-12-01' }, [['prepayment', 5000, '2026-12-01'], ['remaining', 4999, '2026-12-31']]],
    [10000, { amountMinor: 10000, dueDate: '2026-12-01' }, [['prepayment', 10000, '2026-12-01']]],
  ] as const)('%i with %j', (gross, pre, expected) => {
    const parts = splitParts(gross, '2026-12-31', pre);
    expect(parts.map((p) => [p.kind, p.amountMinor, p.dueDate])).toEqual(expected);
    expect(parts.reduce((s, p) => s + p.amountMinor, 0)).toBe(gross);
  });
  it('rejects a prepayment above the gross amount', () => {
    expect(() => splitParts(100, '2026-12-31', { amountMinor: 101, dueDate: '2026-12-01' })).toThrow(/between 0 and the gross/);
  });
  it.each([
    [[0, 0], 2000, [2000, 0]],
    [[0, 0], 3500, [3000, 500]],
    [[3000, 0], 7000, [3000, 7000]],
    [[0, 0], 12000, [3000, 9000]], // overpayment stays on the last part
  ])('allocates a payment prepayment first: paid %j + %i → %j', (paid, payment, result) => {
    const parts = [{ amountMinor: 3000, paidMinor: paid[0]! }, { amountMinor: 7000, paidMinor: paid[1]! }];
    expect(allocateToParts(parts, payment)).toEqual(result);
  });
});

describe('status machine', () => {
  const s = (status: InvoiceStatus, reminderCount = 0) => ({ status, reminderCount });
  it.each<[InvoiceStatus, InvoiceEvent, InvoiceStatus, number?]>([
    ['draft', { type: 'issue', dispatch: 'auto' }, 'issued'],
    ['draft', { type: 'issue', dispatch: 'manual' }, 'awaiting_release'],
    ['awaiting_release', { type: 'release' }, 'issued'],
    ['issued', { type: 'send' }, 'sent'],
    ['sent', { type: 'fall_due' }, 'due'],
    ['due', { type: 'remind' }, 'reminded', 1],
    ['sent', { type: 'payment', paidMinor: 50, grossMinor: 100 }, 'partially_paid'],
    ['partially_paid', { type: 'payment', paidMinor: 100, grossMinor: 100 }, 'paid'],
    ['due', { type: 'payment', paidMinor: 120, grossMinor: 100 }, 'paid'],
    ['draft', { type: 'cancel' }, 'cancelled'],
    ['due', { type: 'cancel' }, 'cancelled'],
  ])('%s --%j--> %s', (from, event, to, reminders = 0) => {
    expect(transition(s(from), event)).toEqual(s(to, reminders));
  });
  it('counts reminders', () => expect(transition(s('reminded', 1), { type: 'remind' })).toEqual(s('reminded', 2)));
  it.each<[InvoiceStatus, InvoiceEvent]>([
    ['draft', { type: 'send' }],
    ['issued', { type: 'issue', dispatch: 'auto' }],
    ['paid', { type: 'cancel' }],
    ['cancelled', { type: 'payment', paidMinor: 1, grossMinor: 1 }],
    ['awaiting_release', { type: 'send' }],
  ])('refuses %s → %j', (from, event) => expect(() => transition(s(from), event)).toThrow(InvalidTransition));
  it('says what is allowed', () => {
    expect(() => transition(s('paid'), { type: 'cancel' })).toThrow('an invoice in status "paid" cannot cancel; allowed: nothing (final status)');
    expect(() => transition(s('draft'), { type: 'send' })).toThrow('allowed: issue, cancel');
  });
  it.each([
    [s('reminded', 2), 'Reminder 2 sent'],
    [s('partially_paid'), 'Partially paid'],
    [s('awaiting_release'), 'Awaiting release'],
  ])('labels %j as %s', (state, label) => expect(statusLabel(state)).toBe(label));
});
