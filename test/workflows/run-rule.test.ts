import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config.js';
import type { CompiledRule } from '../../src/rules/snapshot.js';
import type { RecflowEvent } from '../../src/events/catalog.js';
import { DEMO } from '../../src/seed.js';
import { approveUpdate, eventSignal, progressQuery } from '../../workflows/messages.js';
import type { runRule } from '../../workflows/run-rule.js';
import { pdfToText } from '../support/pdf-text.js';
import { OWNER, startTestBed, type TestBed } from './bed.js';

const DAY = 86_400_000;
let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed();
});
afterAll(async () => {
  await bed?.stop();
});

let runs = 0;
const start = (rule: CompiledRule, event: RecflowEvent) =>
  bed.testEnv.env.client.workflow.start<typeof runRule>('runRule', {
    taskQueue: bed.taskQueue,
    workflowId: `test/${rule.id}/${++runs}`,
    args: [{ rule, event }],
  });
const mailsTo = (address: string, subject: RegExp) =>
  bed.sink.messages.filter((m) => m.subject && subject.test(m.subject) && JSON.stringify(m.to).includes(address));
/** RECORD_HISTORIES=1 (or =name,name) writes the histories test/workflows/replay.test.ts replays. */
async function record(name: string, handle: { fetchHistory(): Promise<unknown> }) {
  const wanted = process.env.RECORD_HISTORIES?.split(',') ?? [];
  if (!wanted.includes('1') && !wanted.includes(name)) return;
  // protobufjs's own JSON form; replay.test.ts reads it back with History.fromObject.
  const file = path.join(projectRoot, 'test', 'fixtures', 'histories', `${name}.json`);
  await writeFile(file, `${JSON.stringify(await handle.fetchHistory(), null, 1)}\n`);
}
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY);

describe('the rule interpreter on a time-skipped clock', () => {
  it('runs the first thread: renders the PDF and mails it to accounting, in Romanian', async () => {
    const rule = await bed.shipped('opportunity-won-confirmation');
    const handle = await start(rule, bed.statusEvent('won'));
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'completed', ruleId: rule.id, ruleHash: rule.hash });
    expect(result.steps.map((s) => s.outcome)).toEqual(['done', 'done']);
    const mail = await bed.sink.waitFor((m) => m.messageId === result.emails[0]!.messageId);
    expect(mail.subject).toBe('Comanda dumneavoastră: Curs de patiserie — grupa de toamnă');
    expect(JSON.stringify(mail.to)).toContain('contabilitate@example.ro');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['order-confirmation.pdf']);
    const text = await pdfToText(mail.attachments[0]!.content);
    expect(text).toContain('Confirmarea comenzii');
    expect(text).toContain('RON 1,200.00');
    const progress = await handle.query(progressQuery);
    expect(progress).toMatchObject({ step: null, label: 'completed' });
    expect(progress.done).toHaveLength(2);
    await record('opportunity-won-confirmation', handle);
  });

  it('keys side effects by rule + event + step: a second run for the same event sends nothing new', async () => {
    const rule = await bed.shipped('opportunity-won-confirmation');
    const event = bed.statusEvent('won');
    const first = await (await start(rule, event)).result();
    const second = await (await start(rule, event)).result();
    expect(second.emails[0]!.messageId).toBe(first.emails[0]!.messageId);
    expect(bed.sink.count((m) => m.messageId === first.emails[0]!.messageId)).toBe(1);
  });

  it('reminds twice, then tells the owner, when nobody pays for 28 days', async () => {
    const rule = await bed.shipped('enrolment-payment-reminders');
    const before = bed.sink.messages.length;
    const started = new Date(await bed.testEnv.env.currentTimeMs()).toISOString();
    const result = await (await start(rule, bed.statusEvent('enrolled'))).result();
    expect(result.status).toBe('completed');
    expect(result.steps.map((s) => [s.label, s.outcome, daysBetween(started, s.at)])).toEqual([
      ['wait for the payment', 'timed-out', 14],
      ['reminder 1', 'done', 14],
      ['wait for the payment after reminder 1', 'timed-out', 21],
      ['reminder 2', 'done', 21],
      ['wait for the payment after reminder 2', 'timed-out', 28],
      ['tell the owner', 'done', 28],
    ]);
    const mails = bed.sink.messages.slice(before);
    expect(mails.map((m) => m.subject)).toEqual([
      'Reamintire de plată: Curs de patiserie — grupa de toamnă',
      'Reamintire de plată: Curs de patiserie — grupa de toamnă',
      'Still unpaid after two reminders: Curs de patiserie — grupa de toamnă',
    ]);
    expect(JSON.stringify(mails[2]!.to)).toContain(OWNER);
    expect(JSON.stringify(mails[0]!.to)).toContain('ana@example.ro');
  });

  it('stops when the payment arrives after the first reminder; a repeated event counts once', async () => {
    const rule = await bed.shipped('enrolment-payment-reminders');
    const handle = await start(rule, bed.statusEvent('enrolled'));
    await bed.testEnv.env.sleep(15 * DAY);
    expect(await handle.query(progressQuery)).toMatchObject({ step: 2, waiting: { for: 'event' } });
    const paid = bed.statusEvent('paid', 'enrolled');
    await handle.signal(eventSignal, paid);
    await handle.signal(eventSignal, paid);
    const result = await handle.result();
    expect(result.status).toBe('stopped');
    expect(result.steps.map((s) => s.outcome)).toEqual(['timed-out', 'done', 'received']);
    expect(result.steps[2]!.note).toBe(`opportunity/status-changed ${paid.id}`);
    expect(result.emails).toHaveLength(1);
    await record('enrolment-payment-reminders-paid', handle);
  });

  const approvalRule = `id: big-order-approval
when: { event: opportunity/status-changed, to: won }
if: opportunity.amount >= RON 1,000.00
steps:
  - action: require-approval
    within: 3 days
    message: Confirm this large order
  - action: send-email
    template: order-confirmation-mail
    if: customer.language in [ro, de]
`;

  it('holds until approved through an update; the same decision twice counts once', async () => {
    const handle = await start(bed.compile(approvalRule), bed.statusEvent('won'));
    await bed.testEnv.env.sleep(DAY);
    const progress = await handle.query(progressQuery);
    expect(progress).toMatchObject({ step: 0, waiting: { for: 'approval', what: 'Confirm this large order' } });
    const decision = { id: 'approval-1', decision: 'approve' as const, by: 'maria' };
    expect(await handle.executeUpdate(approveUpdate, { args: [decision] })).toEqual({ accepted: true, step: 0 });
    const result = await handle.result();
    expect(await handle.executeUpdate(approveUpdate, { args: [decision] }).catch(() => 'closed')).toBe('closed');
    expect(result.steps.map((s) => [s.outcome, s.note])).toEqual([['approved', 'approved by maria'], ['done', 'emailed ana@example.ro']]);
    await record('big-order-approval', handle);
  });

  // This run first waits for a payment, so a decision sent meanwhile always meets a run
  // that is not waiting for one (right after a start the facts activity may be done or not).
  it('refuses a decision while the run is not waiting for one', async () => {
    const rule = bed.compile(`id: approval-later
when: { event: opportunity/status-changed, to: won }
steps:
  - action: wait-for-event
    event: opportunity/status-changed
    to: paid
    within: 1 day
  - action: require-approval
    within: 1 day
    message: Confirm this large order
`);
    const handle = await start(rule, bed.statusEvent('won'));
    const refused = await handle.executeUpdate(approveUpdate, { args: [{ id: 'not-yet', decision: 'approve', by: 'x' }] }).then(
      () => new Error('accepted'),
      (err: Error) => err,
    );
    expect(String((refused.cause as Error | undefined)?.message)).toMatch(/not waiting for an approval/);
    expect((await handle.result()).status).toBe('stopped');
  });

  it('stops when nobody approves within the time, and skips a rule whose if is false', async () => {
    const timedOut = await (await start(bed.compile(approvalRule), bed.statusEvent('won'))).result();
    expect(timedOut.status).toBe('stopped');
    expect(timedOut.steps).toMatchObject([{ outcome: 'timed-out' }]);
    const small = bed.compile(approvalRule.replace('RON 1,000.00', 'RON 5,000.00'));
    const skipped = await (await start(small, bed.statusEvent('won'))).result();
    expect(skipped).toMatchObject({ status: 'skipped', steps: [] });
  });

  it('waits until a date from the facts, and updates the opportunity once', async () => {
    const rule = bed.compile(`id: follow-up
when: { event: opportunity/status-changed }
steps:
  - action: wait
    until: event.occurredAt + 40d
  - action: update-opportunity
    fields: { followedUp: true }
`);
    const event = { ...bed.statusEvent('won'), occurredAt: new Date((await bed.testEnv.env.currentTimeMs()) - 10 * DAY).toISOString() };
    const result = await (await start(rule, event)).result();
    expect(daysBetween(event.occurredAt, result.steps[0]!.at)).toBe(40);
    const opportunity = await bed.db.opportunity.findUniqueOrThrow({ where: { id: DEMO.opportunityId } });
    expect(opportunity.customFields).toMatchObject({ followedUp: true });
  });

  it('sees its own record updates in the steps after them', async () => {
    const rule = bed.compile(`id: rule-updates
when: { event: opportunity/status-changed, to: won }
steps:
  - action: update-opportunity
    fields: { stage: confirmed-by-rule }
  - action: update-customer
    fields: { segment: gold }
    if: opportunity.custom.stage == confirmed-by-rule
  - action: send-email
    template: order-confirmation-mail
    to: contact
    if: opportunity.custom.stage == confirmed-by-rule
`);
    const handle = await start(rule, bed.statusEvent('won'));
    const result = await handle.result();
    expect(result.steps.map((s) => s.outcome)).toEqual(['done', 'done', 'done']);
    const customer = await bed.db.customer.findUniqueOrThrow({ where: { id: DEMO.customerId } });
    expect(customer.customFields).toMatchObject({ segment: 'gold' });
    await bed.sink.waitFor((m) => m.messageId === result.emails[0]!.messageId);
    await record('rule-updates', handle);
  });

  it('runs consecutive short steps in one activity; a step failing for good fails the run after the steps before it', async () => {
    const rule = bed.compile(`id: batch-failure
when: { event: opportunity/status-changed, to: won }
steps:
  - action: update-opportunity
    fields: { stage: batch-started }
  - action: render-document
    template: order-confirmation
    if: opportunity.amount > RON 1000000.00
  - action: send-email
    template: order-confirmation-mail
    to: contact
    attach: [order-confirmation]
  - action: notify-owner
    template: owner-unpaid-notice
`);
    const handle = await start(rule, bed.statusEvent('won'));
    const failure = await handle.result().then(
      () => new Error('completed'),
      (err: Error) => err,
    );
    expect(failure.name).toBe('WorkflowFailedError');
    expect(failure.cause).toMatchObject({ type: 'MissingAttachment', message: expect.stringMatching(/attachment "order-confirmation" was not rendered/) });
    // One local activity for load facts and all four steps, not one each.
    const history = await handle.fetchHistory();
    const summaries = history.events!.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').map((e) => Buffer.from(e.userMetadata!.summary!.data!).toString());
    expect(summaries).toEqual([JSON.stringify('load facts · update fields · render order-confirmation · email order-confirmation-mail to contact · notify the owner (owner-unpaid-notice)')]);
    // The steps before the failing one are done and recorded; the one after it never ran.
    expect((await handle.query(progressQuery)).done.map((s) => [s.index, s.outcome])).toEqual([
      [0, 'done'],
      [1, 'skipped'],
    ]);
    const opportunity = await bed.db.opportunity.findUniqueOrThrow({ where: { id: DEMO.opportunityId } });
    expect(opportunity.customFields).toMatchObject({ stage: 'batch-started' });
  });

  it('issues a proforma at enrolment and mails it; the final invoice and the contract when paid', async () => {
    const enrolled = bed.statusEvent('enrolled');
    const proformaRun = await start(await bed.shipped('enrolment-proforma'), enrolled);
    const proforma = await proformaRun.result();
    await record('enrolment-proforma', proformaRun);
    const again = await (await start(await bed.shipped('enrolment-proforma'), enrolled)).result(); // same event: same invoice
    expect(again.steps[0]!.note).toBe(proforma.steps[0]!.note);
    const number = /^(\S+) \(RON 1,200\.00, due \d{4}-\d{2}-\d{2}\)$/.exec(proforma.steps[0]!.note!)![1]!;
    const mail = await bed.sink.waitFor((m) => m.messageId === proforma.emails[0]!.messageId);
    expect(mail.subject).toBe(`Factura proformă ${number}: Curs de patiserie — grupa de toamnă`);
    expect(mail.text).toContain(`în valoare de RON 1,200.00`);
    expect(await pdfToText(mail.attachments[0]!.content)).toContain(number);
    expect(await bed.db.invoice.count({ where: { opportunityId: DEMO.opportunityId, kind: 'proforma' } })).toBe(1);

    const paid = await (await start(await bed.shipped('payment-confirmed-contract'), bed.statusEvent('paid', 'enrolled'))).result();
    const contractMail = await bed.sink.waitFor((m) => m.messageId === paid.emails[0]!.messageId);
    expect(contractMail.subject).toBe('Contractul dumneavoastră: Curs de patiserie — grupa de toamnă');
    expect(contractMail.attachments).toHaveLength(2);
    expect(contractMail.attachments[1]!.filename).toBe('contract.pdf');
    expect(await pdfToText(contractMail.attachments[1]!.content)).toContain('Număr contract');
    const final = await bed.db.invoice.findFirstOrThrow({ where: { opportunityId: DEMO.opportunityId, kind: 'final' } });
    expect(contractMail.text).toContain(`factura ${final.number}`);
    expect(await pdfToText(contractMail.attachments[0]!.content)).toContain(number); // the final invoice names its proforma
  });

  it('waits until the due date of the invoice it created, marks it paid; cancels another', async () => {
    const pay = bed.compile(`id: pay-late
when: { event: opportunity/status-changed }
steps:
  - action: create-invoice
    kind: final
    due-in: 10d
  - action: wait
    until: invoice.dueDate + 1d
  - action: mark-paid
    if: invoice.openAmount > RON 0.00
  - action: stop
    if: invoice.openAmount > RON 0.00
`);
    const event = bed.statusEvent('won');
    const now = new Date(await bed.testEnv.env.currentTimeMs()).toISOString();
    const result = await (await start(pay, event)).result();
    expect(result.steps.map((s) => s.outcome)).toEqual(['done', 'done', 'done', 'skipped']);
    expect(daysBetween(now, result.steps[1]!.at)).toBeGreaterThanOrEqual(10); // due in 10 days, waited until the day after
    expect(daysBetween(now, result.steps[1]!.at)).toBeLessThanOrEqual(12);
    const paid = await bed.db.invoice.findFirstOrThrow({ where: { sourceKey: `rule:pay-late:event:${event.id}:step:0` } });
    expect(paid.status).toBe('paid');
    const cancel = bed.compile('id: cancel-it\nwhen: { event: opportunity/status-changed }\nsteps:\n  - { action: create-invoice, kind: proforma }\n  - { action: cancel-invoice, reason: duplicate }\n');
    const cancelEvent = bed.statusEvent('won');
    const cancelled = await (await start(cancel, cancelEvent)).result();
    expect(cancelled.steps[1]!.note).toMatch(/ cancelled$/);
    expect((await bed.db.invoice.findFirstOrThrow({ where: { sourceKey: `rule:cancel-it:event:${cancelEvent.id}:step:0` } })).status).toBe('cancelled');
  });

  it('skips the contract rule outside the enrolment pipeline', async () => {
    const rule = await bed.shipped('payment-confirmed-contract');
    await bed.db.opportunity.update({ where: { id: DEMO.opportunityId }, data: { pipeline: 'sales' } });
    try {
      expect((await (await start(rule, bed.statusEvent('paid', 'enrolled'))).result()).status).toBe('skipped');
    } finally {
      await bed.db.opportunity.update({ where: { id: DEMO.opportunityId }, data: { pipeline: 'enrolment' } });
    }
  });

  it('calls a webhook with an idempotency key from rule, event and step', async () => {
    const received: { key: string | undefined; body: { ruleId: string; step: number } }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(body) });
        res.writeHead(received.length === 1 ? 503 : 204).end(); // the first attempt fails and is retried
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const rule = bed.compile(`id: hook\nwhen: { event: opportunity/status-changed }\nsteps:\n  - action: call-webhook\n    url: ${url}\n`);
      const event = bed.statusEvent('won');
      const result = await (await start(rule, event)).result();
      expect(result.steps[0]).toMatchObject({ outcome: 'done', note: `${url} answered 204` });
      expect(received.map((r) => r.key)).toEqual([`rule:hook:event:${event.id}:step:0`, `rule:hook:event:${event.id}:step:0`]);
      expect(received[1]!.body).toMatchObject({ ruleId: 'hook', step: 0 });
    } finally {
      server.close();
    }
  });
});
