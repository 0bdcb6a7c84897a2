// Producers, the dispatcher, the clock's activity and update-customer against real SQLite
// and PostgreSQL. The dispatcher's `fire` here records what it is handed (Temporal is
// tested in test/e2e/triggers.test.ts); everything else is the real code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockTick } from '../../activities/clock.js';
import { updateCustomer } from '../../activities/customer.js';
import type { ActivityDeps } from '../../activities/deps.js';
import { addDays } from '../../src/domain/dates.js';
import { localInstant } from '../../src/engine/clock-days.js';
import { backoffMs, Dispatcher } from '../../src/engine/dispatcher.js';
import type { RecflowEvent } from '../../src/events/catalog.js';
import { createDraft, issueInvoice, recordPayment } from '../../src/invoicing/index.js';
import { reverseAllocation } from '../../src/invoicing/allocation.js';
import { client, tenantWithToken, testApp } from '../api/support.js';
import { courseLine, tenantWithCustomer, testDatabase, type Provider } from '../invoicing/support.js';

const TZ = 'Europe/Bucharest';

describe.each<Provider>(['sqlite', 'postgresql'])('domain events on %s', (provider) => {
  let t: Awaited<ReturnType<typeof testDatabase>>;
  beforeAll(async () => {
    t = await testDatabase(provider);
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  const events = async (tenantId: string) =>
    (await t.db.domainEvent.findMany({ where: { tenantId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map((e) => e.payload as unknown as RecflowEvent);

  async function issued(opts: { dueDate?: string; opportunity?: boolean } = {}) {
    const { tenant, customer, ctx } = await tenantWithCustomer(t.db);
    const opportunity = opts.opportunity
      ? await t.db.opportunity.create({ data: { tenantId: tenant.id, customerId: customer.id, externalId: 'crm-1', title: 'Course', pipeline: 'sales', status: 'won', amountMinor: 1000, currency: 'RON', customFields: {} } })
      : undefined;
    const draft = await createDraft(ctx, { tenantId: tenant.id, customerId: customer.id, kind: 'final', lines: [courseLine], ...(opts.dueDate ? { dueDate: opts.dueDate } : {}), ...(opportunity ? { opportunityId: opportunity.id } : {}) });
    const invoice = await issueInvoice(ctx, { tenantId: tenant.id, invoiceId: draft.id });
    return { tenant, customer, ctx, invoice, opportunity };
  }

  it('invoicing records issued, each payment and paid in the same transaction, with deterministic ids', async () => {
    const { tenant, ctx, invoice, opportunity } = await issued({ opportunity: true });
    await issueInvoice(ctx, { tenantId: tenant.id, invoiceId: invoice.id }); // a retried issue records nothing new
    await recordPayment(ctx, { tenantId: tenant.id, invoiceId: invoice.id, amountMinor: 19_000 });
    await recordPayment(ctx, { tenantId: tenant.id, invoiceId: invoice.id });
    await recordPayment(ctx, { tenantId: tenant.id, invoiceId: invoice.id }); // marking a paid invoice paid: nothing
    const recorded = await events(tenant.id);
    const payments = await t.db.payment.findMany({ where: { invoiceId: invoice.id }, orderBy: { createdAt: 'asc' } });
    expect(recorded.map((e) => [e.type, e.id])).toEqual([
      ['invoice/issued', `invoice:${invoice.id}:issued`],
      ['payment/received', `payment:${payments[0]!.id}:received`],
      ['payment/received', `payment:${payments[1]!.id}:received`],
      ['invoice/paid', `invoice:${invoice.id}:paid`],
    ]);
    expect(recorded[0]).toMatchObject({ kind: 'final', number: invoice.number, invoiceId: invoice.id, opportunityId: opportunity!.id, customerId: invoice.customerId });
    expect(recorded[1]).toMatchObject({ amountMinor: 19_000, currency: 'RON', paymentId: payments[0]!.id, opportunityId: opportunity!.id });
    expect(recorded[2]).toMatchObject({ amountMinor: 100_000, currency: 'RON' });
  });

  it('a failed payment records no event (the outbox row rolls back with it)', async () => {
    const { tenant, ctx, invoice } = await issued();
    await expect(recordPayment(ctx, { tenantId: tenant.id, invoiceId: invoice.id, amountMinor: -5 })).rejects.toThrow(/positive/);
    expect((await events(tenant.id)).map((e) => e.type)).toEqual(['invoice/issued']);
  });

  it('POST /v1/opportunities records opportunity/created once and nudges the dispatcher', async () => {
    const { tenant, token } = await tenantWithToken(t.db, 'opp');
    const customer = await t.db.customer.create({ data: { tenantId: tenant.id, name: 'C' } });
    let nudges = 0;
    const call = client(testApp(t.db, { nudge: () => nudges++ }), token);
    const body = { externalId: 'crm-9', customerId: customer.id, title: 'Card' };
    const first = await call('POST', '/v1/opportunities', body);
    expect(first.status).toBe(201);
    expect((await call('POST', '/v1/opportunities', body)).status).toBe(200); // already there: no new event
    expect((await events(tenant.id)).map((e) => [e.type, e.id])).toEqual([['opportunity/created', `opportunity:${first.body.id}:created`]]);
    expect(nudges).toBe(2);
  });

  it('two dispatchers fire every event exactly once, oldest first', async () => {
    const { tenant, ctx, invoice } = await issued();
    for (let i = 0; i < 20; i++) await recordPayment(ctx, { tenantId: tenant.id, invoiceId: invoice.id, amountMinor: 100 });
    const ids = (await events(tenant.id)).map((e) => e.id);
    const fired: string[] = [];
    const fire = async (e: RecflowEvent) => {
      await new Promise((r) => setTimeout(r, 2));
      fired.push(e.id);
    };
    const a = new Dispatcher({ db: t.db, fire });
    const b = new Dispatcher({ db: t.db, fire });
    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    const mine = fired.filter((id) => ids.includes(id));
    expect(mine.sort()).toEqual([...ids].sort());
    expect(new Set(mine).size).toBe(ids.length);
    expect(na + nb).toBeGreaterThanOrEqual(ids.length);
    const rows = await t.db.domainEvent.findMany({ where: { tenantId: tenant.id } });
    expect(rows.every((r) => r.dispatchedAt !== null && r.attempts === 1)).toBe(true);
    // Oldest first within one dispatcher.
    const single: string[] = [];
    const { tenant: t2, ctx: ctx2, invoice: inv2 } = await issued();
    for (let i = 0; i < 3; i++) await recordPayment(ctx2, { tenantId: t2.id, invoiceId: inv2.id, amountMinor: 100 });
    await new Dispatcher({ db: t.db, fire: async (e) => void single.push(e.id) }).drain();
    expect(single).toEqual((await events(t2.id)).map((e) => e.id));
  });

  it('fires different subjects side by side and each subject in order', async () => {
    const a = await issued();
    const b = await issued();
    for (let i = 0; i < 3; i++) {
      await recordPayment(a.ctx, { tenantId: a.tenant.id, invoiceId: a.invoice.id, amountMinor: 100 });
      await recordPayment(b.ctx, { tenantId: b.tenant.id, invoiceId: b.invoice.id, amountMinor: 100 });
    }
    const fired: RecflowEvent[] = [];
    let inFlight = 0;
    let most = 0;
    const fire = async (e: RecflowEvent) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      fired.push(e);
    };
    await new Dispatcher({ db: t.db, fire }).drain();
    for (const { tenant } of [a, b]) {
      const mine = fired.filter((e) => e.tenantId === tenant.id).map((e) => e.id);
      expect(mine).toEqual((await events(tenant.id)).map((e) => e.id));
    }
    expect(most).toBeGreaterThan(1);
  });

  it('a failing fire is retried with backoff, recording attempts and the error; a claim held by a dead process runs out', async () => {
    const { tenant } = await issued();
    const row = await t.db.domainEvent.findFirstOrThrow({ where: { tenantId: tenant.id } });
    await t.db.domainEvent.updateMany({ where: { dispatchedAt: null, NOT: { id: row.id } }, data: { dispatchedAt: new Date() } });
    let clock = Date.now();
    let failures = 2;
    const fire = async () => {
      if (failures-- > 0) throw new Error('Temporal is down', { cause: new Error('14 UNAVAILABLE') });
    };
    const d = new Dispatcher({ db: t.db, fire, now: () => new Date(clock) });
    expect(await d.drain()).toBe(0);
    let stored = await t.db.domainEvent.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ attempts: 1, error: 'Temporal is down: 14 UNAVAILABLE', dispatchedAt: null });
    expect(stored.nextAttemptAt!.getTime()).toBe(clock + backoffMs(1));
    expect(await d.drain()).toBe(0); // not due yet
    clock += backoffMs(1);
    expect(await d.drain()).toBe(0);
    stored = await t.db.domainEvent.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.attempts).toBe(2);
    expect(stored.nextAttemptAt!.getTime()).toBe(clock + backoffMs(2));
    clock += backoffMs(2);
    expect(await d.drain()).toBe(1);
    stored = await t.db.domainEvent.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ attempts: 3, error: null, nextAttemptAt: null });
    expect(stored.dispatchedAt).not.toBeNull();

    // A process claimed a row and died: the lease runs out, then another takes it.
    const { tenant: other } = await issued();
    const orphan = await t.db.domainEvent.findFirstOrThrow({ where: { tenantId: other.id } });
    await t.db.domainEvent.update({ where: { id: orphan.id }, data: { attempts: 1, nextAttemptAt: new Date(clock + 60_000) } });
    const seen: string[] = [];
    const e = new Dispatcher({ db: t.db, fire: async (ev) => void seen.push(ev.id), now: () => new Date(clock) });
    await e.drain();
    expect(seen).not.toContain(orphan.eventId);
    clock += 60_000;
    await e.drain();
    expect(seen).toContain(orphan.eventId);
  });

  it('the clock records due-soon and overdue for open invoices on their day, catches up missed days, never twice', async () => {
    const deps = { db: t.db } as ActivityDeps;
    const tick = clockTick(deps);
    const { tenant, ctx, invoice } = await issued({ dueDate: '2026-12-10' });
    const draft = await createDraft(ctx, { tenantId: tenant.id, customerId: invoice.customerId, kind: 'final', lines: [courseLine], dueDate: '2026-12-10' });
    const paid = await issueInvoice(ctx, { tenantId: tenant.id, invoiceId: draft.id });
    await recordPayment(ctx, { tenantId: tenant.id, invoiceId: paid.id });
    await createDraft(ctx, { tenantId: tenant.id, customerId: invoice.customerId, kind: 'final', lines: [courseLine], dueDate: '2026-12-10' }); // a draft: not due
    const offsets = { dueSoon: [3], overdue: [1, 14] };
    const at = (date: string, time = '06:00') => localInstant(date, time, TZ);
    const clockEvents = async () => (await events(tenant.id)).filter((e) => e.type === 'invoice/due-soon' || e.type === 'invoice/overdue');

    // A new clock before 06:00 covers yesterday only.
    const first = await tick({ tenantId: tenant.id, offsets, at: '06:00', now: at('2026-12-07', '05:00') });
    expect(first).toMatchObject({ days: ['2026-12-06'], lastDay: '2026-12-06', nextAt: at('2026-12-07'), recorded: 0 });
    const second = await tick({ tenantId: tenant.id, offsets, at: '06:00', lastDay: first.lastDay, now: at('2026-12-07') });
    expect(second).toMatchObject({ days: ['2026-12-07'], recorded: 1 });
    expect(await clockEvents()).toEqual([
      expect.objectContaining({ type: 'invoice/due-soon', id: `invoice:${invoice.id}:due-soon:3d`, days: 3, dueDate: '2026-12-10', occurredAt: new Date(at('2026-12-07')).toISOString() }),
    ]);
    // Down from the 8th to the 12th: one tick catches up 8–12 (overdue by 1 day was the 11th).
    const caught = await tick({ tenantId: tenant.id, offsets, at: '06:00', lastDay: second.lastDay, now: at('2026-12-12', '09:00') });
    expect(caught.days).toEqual(['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12']);
    expect(caught.recorded).toBe(1);
    // The same days again (a retried activity, new offsets): nothing twice.
    expect((await tick({ tenantId: tenant.id, offsets, at: '06:00', lastDay: '2026-12-07', now: at('2026-12-12', '09:00') })).recorded).toBe(0);
    expect((await clockEvents()).map((e) => e.id)).toEqual([`invoice:${invoice.id}:due-soon:3d`, `invoice:${invoice.id}:overdue:1d`]);
    // Paid before its 14th day overdue: no event.
    await recordPayment(ctx, { tenantId: tenant.id, invoiceId: invoice.id });
    expect((await tick({ tenantId: tenant.id, offsets, at: '06:00', lastDay: caught.lastDay, now: at('2026-12-24', '07:00') })).recorded).toBe(0);
    expect(await clockEvents()).toHaveLength(2);
    expect(addDays('2026-12-10', 14)).toBe('2026-12-24');
  });

  it('an undone payment opens the invoice again: the clock catches up the overdue offset passed meanwhile, once', async () => {
    const deps = { db: t.db } as ActivityDeps;
    const tick = clockTick(deps);
    const { tenant, ctx, invoice } = await issued({ dueDate: '2026-12-10' });
    const other = await issueInvoice(ctx, { tenantId: tenant.id, invoiceId: (await createDraft(ctx, { tenantId: tenant.id, customerId: invoice.customerId, kind: 'final', lines: [courseLine], dueDate: '2026-12-30' })).id });
    const offsets = { dueSoon: [], overdue: [1, 14, 21] };
    const at = (date: string, time = '06:00') => localInstant(date, time, TZ);
    const overdue = async () => (await events(tenant.id)).filter((e) => e.type === 'invoice/overdue').map((e) => `${e.id.split(':').pop()} ${e.occurredAt.slice(0, 10)}`);
    const on = (date: string, time: string) => ({ ...ctx, now: () => new Date(at(date, time)) });
    const undo = async (invoiceId: string, date: string) => {
      const payment = await t.db.payment.findFirstOrThrow({ where: { invoiceId, reversedAt: null } });
      await t.db.$transaction((tx) => reverseAllocation(tx, on(date, '15:00'), tenant.id, payment.id));
    };

    let last = (await tick({ tenantId: tenant.id, offsets, at: '06:00', lastDay: '2026-12-10', now: at('2026-12-11') })).lastDay;
    expect(await overdue()).toEqual(['1d 2026-12-11']);
    await recordPayment(on('2026-12-12', '10:00'), { tenantId: tenant.id, invoiceId: invoice.id });
    // Paid on its 14th day late: nothing.
    last = (await tick({ tenantId: tenant.id, offsets, at: '06:00', lastDay: last, now: at('2026-12-24') })).lastDay;
    expect(await overdue()).toHaveLength(1);
    // Undone on the 26th (16 days late): the next tick records the 14-day event, not the 1-day one again.
    await undo(invoice.id, '2026-12-26');
    await recordPayment(on('2026-12-12', '11:00'), { tenantId: tenant.id, invoiceId: other.id });
    await undo(other.id, '2026-12-26'); // not yet due: nothing to catch up
    last = (await tick({ tenantId: tenant.id, offsets, at: '06:00', lastDay: last, now: at('2026-12-27') })).lastDay;
    expect(await overdue()).toEqual(['1d 2026-12-11', '14d 2026-12-27']);
    // The same day again: nothing twice; the 21st day late comes on its own day.
    expect((await tick({ tenantId: tenant.id, offsets, at: '06:00', lastDay: '2026-12-26', now: at('2026-12-27', '08:00') })).recorded).toBe(0);
    await tick({ tenantId: tenant.id, offsets, at: '06:00', lastDay: last, now: at('2026-12-31') });
    expect(await overdue()).toEqual(['1d 2026-12-11', '14d 2026-12-27', '1d 2026-12-31', '21d 2026-12-31']); // the other invoice's first day late, then this one's 21st
  });

  it('update-customer suspends only a customer with something overdue, merges fields, and is idempotent by key', async () => {
    const deps = { db: t.db } as ActivityDeps;
    const update = updateCustomer(deps);
    const { tenant, customer, ctx, invoice } = await issued({ dueDate: '2026-12-10' });
    const now = localInstant('2026-12-20', '09:00', TZ);
    const input = { tenantId: tenant.id, customerId: customer.id, now };
    expect(await update({ ...input, key: 'k1', service: 'suspended', fields: { tier: 'gold' } })).toEqual({ changed: true, serviceStatus: 'suspended' });
    expect(await update({ ...input, key: 'k1', service: 'suspended', fields: { tier: 'gold' } })).toEqual({ changed: true, serviceStatus: 'suspended' }); // retried
    expect(await update({ ...input, key: 'k2', service: 'suspended' })).toEqual({ changed: false, reason: 'already suspended', serviceStatus: 'suspended' });
    let row = await t.db.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(row).toMatchObject({ serviceStatus: 'suspended', customFields: { tier: 'gold' } });
    expect(row.suspendedAt!.getTime()).toBe(now);
    expect(await update({ ...input, key: 'k3', service: 'active', fields: { note: 'paid' } })).toEqual({ changed: true, serviceStatus: 'active' });
    row = await t.db.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(row).toMatchObject({ serviceStatus: 'active', suspendedAt: null, customFields: { tier: 'gold', note: 'paid' } });
    await recordPayment(ctx, { tenantId: tenant.id, invoiceId: invoice.id });
    expect(await update({ ...input, key: 'k4', service: 'suspended' })).toEqual({ changed: false, reason: 'nothing is overdue any more', serviceStatus: 'active' });
    expect((await t.db.customer.findUniqueOrThrow({ where: { id: customer.id } })).serviceStatus).toBe('active');
  });
});
