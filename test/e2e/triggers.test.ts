// The shipped invoice rules end to end on the time-skipping server: invoices issued through
// the invoicing services, the tenant clock (a workflow) recording due-soon/overdue events,
// the real event dispatcher firing them, the real interpreter and activities, SQLite, and a
// real SMTP sink. Days pass by skipping the clock; each rule must fire on its day, once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft, issueInvoice, recordPayment, type InvoiceView } from '../../src/invoicing/index.js';
import { addDays, localDate } from '../../src/domain/dates.js';
import { startClocks } from '../../src/engine/clock.js';
import { localInstant } from '../../src/engine/clock-days.js';
import { Dispatcher } from '../../src/engine/dispatcher.js';
import { fireEvent } from '../../src/engine/fire.js';
import { clockOffsets } from '../../src/engine/match.js';
import type { CompiledRule } from '../../src/rules/snapshot.js';
import { recordEvent } from '../../src/events/outbox.js';
import { DEMO } from '../../src/seed.js';
import { clockStateQuery } from '../../workflows/clock.js';
import { progressQuery } from '../../workflows/messages.js';
import { OWNER, startTestBed, type TestBed } from '../workflows/bed.js';

const TZ = 'Europe/Bucharest';
const RULES = ['invoice-due-notice', 'invoice-reminders', 'suspension', 'suspension-resume'];

let bed: TestBed;
let rules: CompiledRule[];
let dispatcher: Dispatcher;
const started = new Set<string>();

beforeAll(async () => {
  bed = await startTestBed();
  rules = await Promise.all(RULES.map((id) => bed.shipped(id)));
  const client = bed.testEnv.env.client;
  dispatcher = new Dispatcher({
    log: (m) => console.log(m),
    db: bed.db,
    fire: async (event) => {
      const runs = await fireEvent(client, bed.taskQueue, rules, event, { searchAttributes: false });
      for (const r of runs) if (r.started) started.add(r.workflowId);
      return runs;
    },
  });
  await startClocks(client, bed.taskQueue, bed.db, clockOffsets(rules), '06:00');
}, 120_000);
afterAll(async () => {
  await bed?.stop();
});

const now = async () => bed.testEnv.env.currentTimeMs();
const today = async () => localDate(new Date(await now()), TZ);

/**
 * Skips the clock to 06:30 local on `date` (the clock ticks at 06:00), fires what it
 * recorded, then two more hours, so runs started on an earlier day at 06:30 and some
 * milliseconds finish their waits that day too.
 */
async function skipTo(date: string) {
  const target = localInstant(date, '06:30', TZ);
  const ms = target - (await now());
  if (ms > 0) await bed.testEnv.env.sleep(ms);
  const clock = bed.testEnv.env.client.workflow.getHandle(`clock/${DEMO.tenantId}`);
  await until(async () => ((await clock.query(clockStateQuery)).lastDay ?? '') >= date, `the clock to cover ${date}`);
  await settle();
  await bed.testEnv.env.sleep(2 * 3_600_000);
  await settle();
}

/** Dispatches everything recorded, then waits until every started run waits or has ended. */
async function settle() {
  await dispatcher.drain();
  for (const id of started) {
    const handle = bed.testEnv.env.client.workflow.getHandle(id);
    await until(async () => {
      const { status } = await handle.describe();
      if (status.name !== 'RUNNING') return true;
      return (await handle.query(progressQuery)).waiting !== undefined;
    }, `${id} to wait or end`);
  }
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A customer with a main and an accounting contact, and one issued invoice of RON 1,190.00 due in `dueIn` days. */
async function customerWithInvoice(dueIn: number): Promise<{ customerId: string; invoice: InvoiceView; main: string; accounting: string }> {
  const tag = randomUUID().slice(0, 8);
  const main = `main-${tag}@example.ro`;
  const accounting = `acc-${tag}@example.ro`;
  const customer = await bed.db.customer.create({
    data: {
      tenantId: DEMO.tenantId, name: `Client ${tag}`, currency: 'RON', language: 'en',
      contacts: { create: [{ name: 'Main', email: main, role: 'main' }, { name: 'Accounting', email: accounting, role: 'accounting' }] },
    },
  });
  const at = new Date(await now());
  const ctx = { db: bed.db, actor: 'test', now: () => at };
  const draft = await createDraft(ctx, {
    tenantId: DEMO.tenantId, customerId: customer.id, kind: 'final', dueDate: addDays(localDate(at, TZ), dueIn),
    lines: [{ description: 'Service', quantity: 1, unitPriceMinor: 100_000, taxRateBp: 1900 }],
  });
  return { customerId: customer.id, invoice: await issueInvoice(ctx, { tenantId: DEMO.tenantId, invoiceId: draft.id }), main, accounting };
}

const mailsTo = (address: string) => bed.sink.messages.filter((m) => JSON.stringify(m.to).includes(address));
const subjects = (address: string) => mailsTo(address).map((m) => m.subject);
async function pay(invoice: InvoiceView) {
  const at = new Date(await now());
  await recordPayment({ db: bed.db, actor: 'test', now: () => at }, { tenantId: DEMO.tenantId, invoiceId: invoice.id });
}

describe('invoice triggers on the time-skipped clock', () => {
  it('due notice 3 days before, reminders after, suspension on day 14; a payment stops the reminders and resumes the service', async () => {
    const { customerId, invoice, main, accounting } = await customerWithInvoice(10);
    const due = invoice.dueDate;
    const number = invoice.number!;
    expect(await bed.db.domainEvent.count({ where: { eventId: `invoice:${invoice.id}:issued` } })).toBe(1);
    await settle(); // invoice/issued fires nothing here

    await skipTo(addDays(due, -4));
    expect(mailsTo(accounting)).toHaveLength(0);
    await skipTo(addDays(due, -3));
    expect(subjects(accounting)).toEqual([`Invoice ${number} falls due on ${due}`]);
    const notice = mailsTo(accounting)[0]!;
    expect(notice.text).toContain(`${number} · RON 1,190.00 · due ${due}`);
    expect(JSON.stringify(notice.to)).not.toContain(main); // accounting contacts only

    await skipTo(due);
    expect(mailsTo(main)).toHaveLength(0); // due today is not overdue
    await skipTo(addDays(due, 1));
    expect(subjects(main)).toEqual([`Payment reminder: invoice ${number}`]);
    await skipTo(addDays(due, 7));
    expect(mailsTo(main)).toHaveLength(1);
    await skipTo(addDays(due, 8));
    expect(subjects(main)).toEqual([`Payment reminder: invoice ${number}`, `Payment reminder: invoice ${number}`]);

    const ownerBefore = mailsTo(OWNER).length;
    await skipTo(addDays(due, 14));
    const customer = await bed.db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(customer.serviceStatus).toBe('suspended');
    const suspendNotice = mailsTo(OWNER).slice(ownerBefore);
    expect(suspendNotice.map((m) => m.subject)).toEqual([`Suspend service: ${customer.name} (RON 1,190.00 overdue)`]);
    expect(suspendNotice[0]!.text).toContain(`${number} · RON 1,190.00 · due ${due}`);

    await pay(invoice); // day 14: between reminder 2 and the owner notice
    await settle();
    expect((await bed.db.customer.findUniqueOrThrow({ where: { id: customerId } })).serviceStatus).toBe('active');
    expect(mailsTo(OWNER).slice(ownerBefore).map((m) => m.subject)).toEqual([
      `Suspend service: ${customer.name} (RON 1,190.00 overdue)`,
      `Resume service: ${customer.name} has paid`,
    ]);
    expect(subjects(main)).toContain('Your service is active again');
    const reminders = bed.testEnv.env.client.workflow.getHandle(`rule/invoice-reminders/invoice:${invoice.id}`);
    const result = await reminders.result();
    expect(result.status).toBe('stopped');
    expect(result.steps.map((step: { outcome: string }) => step.outcome)).toEqual(['done', 'timed-out', 'done', 'received']);

    // Later days fire nothing again: no second notice, reminder or owner mail.
    const mailsBefore = bed.sink.messages.length;
    await skipTo(addDays(due, 16));
    expect(bed.sink.messages.length).toBe(mailsBefore);
    for (const id of [`invoice:${invoice.id}:due-soon:3d`, `invoice:${invoice.id}:overdue:1d`, `invoice:${invoice.id}:overdue:14d`]) {
      expect(await bed.db.domainEvent.count({ where: { eventId: id, dispatchedAt: { not: null } } }), id).toBe(1);
    }
  });

  it('tells the owner when the invoice is still unpaid a week after the second reminder', async () => {
    const { invoice, main } = await customerWithInvoice(2);
    const due = invoice.dueDate;
    const ownerMail = `Still unpaid after two reminders: invoice ${invoice.number}`;
    await skipTo(addDays(due, 1));
    expect(subjects(main)).toEqual([`Payment reminder: invoice ${invoice.number}`]);
    await skipTo(addDays(due, 14));
    expect(mailsTo(OWNER).filter((m) => m.subject === ownerMail)).toHaveLength(0);
    await skipTo(addDays(due, 15));
    expect(mailsTo(OWNER).filter((m) => m.subject === ownerMail)).toHaveLength(1);
    expect(mailsTo(main)).toHaveLength(2);
  });

  it('never suspends a customer whose overdue invoice was paid before the rule acts', async () => {
    const { customerId, invoice } = await customerWithInvoice(1);
    const due = invoice.dueDate;
    await skipTo(addDays(due, 13));
    // Day 14: the clock records the overdue event; the payment arrives before it is dispatched.
    const target = localInstant(addDays(due, 14), '06:30', TZ);
    await bed.testEnv.env.sleep(target - (await now()));
    const clock = bed.testEnv.env.client.workflow.getHandle(`clock/${DEMO.tenantId}`);
    await until(async () => (await clock.query(clockStateQuery)).lastDay === addDays(due, 14), 'the day-14 tick');
    expect(await bed.db.domainEvent.count({ where: { eventId: `invoice:${invoice.id}:overdue:14d`, dispatchedAt: null } })).toBe(1);
    await pay(invoice);
    await settle();
    const run = await bed.testEnv.env.client.workflow.getHandle(`rule/suspension/invoice:${invoice.id}`).result();
    expect(run.status).toBe('skipped');
    expect((await bed.db.customer.findUniqueOrThrow({ where: { id: customerId } })).serviceStatus).toBe('active');
  });

  it('a payment on an invoice of the opportunity reaches a run about the opportunity', async () => {
    const rule = bed.compile(`id: wait-for-money
mode: single
when: { event: opportunity/status-changed, to: enrolled }
steps:
  - action: wait-for-event
    event: payment/received
    within: 10d
    then: continue
    otherwise: stop
  - action: notify-owner
    template: owner-unpaid-notice
`);
    rules.push(rule);
    try {
      await fireEvent(bed.testEnv.env.client, bed.taskQueue, rules, bed.statusEvent('enrolled'), { searchAttributes: false });
      const handle = bed.testEnv.env.client.workflow.getHandle(`rule/wait-for-money/opportunity:${DEMO.opportunityId}`);
      started.add(handle.workflowId);
      await settle();
      const at = new Date(await now());
      const ctx = { db: bed.db, actor: 'test', now: () => at };
      const draft = await createDraft(ctx, {
        tenantId: DEMO.tenantId, customerId: DEMO.customerId, kind: 'final', opportunityId: DEMO.opportunityId,
        lines: [{ description: 'Course', quantity: 1, unitPriceMinor: 50_000, taxRateBp: 0 }],
      });
      const invoice = await issueInvoice(ctx, { tenantId: DEMO.tenantId, invoiceId: draft.id });
      await recordPayment(ctx, { tenantId: DEMO.tenantId, invoiceId: invoice.id, amountMinor: 20_000 });
      await settle();
      const result = await handle.result();
      expect(result.steps.map((step: { outcome: string; note?: string }) => [step.outcome, step.note?.split(' ')[0]])).toEqual([
        ['received', 'payment/received'],
        ['done', 'emailed'],
      ]);
    } finally {
      rules.pop();
    }
  });

  it('dunning/level-reached fires the rules for its level only', async () => {
    const level = (n: number) => bed.compile(`id: dunning-${n}
mode: single
when: { event: dunning/level-reached, level: ${n} }
steps:
  - action: send-email
    template: invoice-reminder
    to: accounting
    if: event.level == ${n}
`);
    rules.push(level(2), level(3));
    try {
      const { invoice, accounting } = await customerWithInvoice(5);
      const event = {
        type: 'dunning/level-reached' as const, id: `invoice:${invoice.id}:remaining:dunning:2`, tenantId: DEMO.tenantId,
        customerId: invoice.customerId, invoiceId: invoice.id, level: 2, part: 'remaining', occurredAt: new Date(await now()).toISOString(),
      };
      await bed.db.$transaction((tx) => recordEvent(tx, event));
      await bed.db.$transaction((tx) => recordEvent(tx, event)); // the dunning process retried: one event
      await settle();
      expect(started.has(`rule/dunning-2/invoice:${invoice.id}`)).toBe(true);
      expect(started.has(`rule/dunning-3/invoice:${invoice.id}`)).toBe(false);
      await until(async () => mailsTo(accounting).length === 1, 'the level-2 mail');
      expect(subjects(accounting)).toEqual([`Payment reminder: invoice ${invoice.number}`]);
      expect(await bed.db.domainEvent.count({ where: { eventId: event.id, dispatchedAt: { not: null } } })).toBe(1);
    } finally {
      rules.splice(-2, 2);
    }
  });

  it('the clock starts at today and knows the offsets of the rules', async () => {
    const state = await bed.testEnv.env.client.workflow.getHandle(`clock/${DEMO.tenantId}`).query(clockStateQuery);
    expect(state.offsets).toEqual({ dueSoon: [3], overdue: [1, 14] });
    expect(state.lastDay! <= (await today())).toBe(true);
  });
});
