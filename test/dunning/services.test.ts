// Dunning on real SQLite and PostgreSQL with a real SMTP server: preview, letters,
// records, fees and interest (hand-computed), drafts, stops, repeat runs, aging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAgingReport } from '../../activities/dunning.js';
import { letterKey } from '../../src/dunning/letter.js';
import { queueMessage } from '../../src/mail/outbox.js';
import { agingOf, previewDunning, processCustomer, releaseLetters, setDunningStop } from '../../src/dunning/index.js';
import { createDraft, getInvoice, issueInvoice } from '../../src/invoicing/index.js';
import type { Db } from '../../src/platform/db.js';
import { testDatabase, type Provider } from '../invoicing/support.js';
import { pdfToText } from '../support/pdf-text.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { dunningCtx, dunningTenant, processDeps, RUN_DATE, tableCounts, type DunningWorld } from './support.js';

describe.each(['sqlite', 'postgresql'] as Provider[])('dunning on %s', (provider) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let sink: SmtpSink;
  let w: DunningWorld;
  beforeAll(async () => {
    [{ db, cleanup }, sink] = await Promise.all([testDatabase(provider), startSmtpSink()]);
    w = await dunningTenant(db);
  });
  afterAll(async () => {
    await sink?.stop();
    await cleanup?.();
  });

  it('previews rows, held items and charges, warns about missing statements, and changes nothing', async () => {
    const ctx = dunningCtx(db);
    const before = await tableCounts(db);
    const p = await previewDunning(ctx, { tenantId: w.tenant.id, date: RUN_DATE });
    expect(await tableCounts(db)).toEqual(before);
    expect(p.warning).toMatch(/no bank statement has been imported/);
    const { a1, a2, a3, b1, c1 } = w.invoices;
    // Interest: principal × (base 1.27 % + 9 points business / 5 points consumer) × days / 365, rounded once.
    // A1: 100000 × 10.27 % × 45 / 365 = 1266.16 → 1266; A2 prepayment: 50000 × 10.27 % × 31 / 365 = 436.12 → 436;
    // B1 (consumer): 50000 × 6.27 % × 22 / 365 = 188.96 → 189. No fee on the first reminder.
    const muellerRows = [
      [a1.number, 'remaining', 1, 45, 100_000, 0, 1266],
      [a2.number, 'prepayment', 1, 31, 50_000, 0, 436],
    ];
    const stefanRows = [[b1.number, 'remaining', 1, 22, 50_000, 0, 189]];
    // Rows come by customer id, then due date.
    expect(p.rows.map((r) => [r.number, r.part, r.level, r.daysOverdue, r.amountOpenMinor, r.feeMinor, r.interestMinor])).toEqual(
      w.mueller.id < w.stefan.id ? [...muellerRows, ...stefanRows] : [...stefanRows, ...muellerRows],
    );
    expect(p.held.map((h) => [h.number, h.why]).sort()).toEqual(
      [
        [a3.number, 'dunning stop on the invoice: bestritten'],
        [c1.number, 'dunning stop on the customer: Ratenzahlung vereinbart'],
      ].sort(),
    );
    expect(p.customerIds.sort()).toEqual([w.mueller.id, w.stefan.id].sort());
    expect(p.totals).toEqual([{ currency: 'EUR', openMinor: 200_000, feeMinor: 0, interestMinor: 1266 + 436 + 189 }]);
    // A level-2 filter on the same day finds nothing yet; a branch filter keeps everything.
    expect((await previewDunning(ctx, { tenantId: w.tenant.id, date: RUN_DATE, level: 2 })).rows).toEqual([]);
    expect((await previewDunning(ctx, { tenantId: w.tenant.id, date: RUN_DATE, branchId: w.branch.id })).rows).toHaveLength(3);
  });

  it('says when the newest statement is older than the run date, and not when it is current', async () => {
    const ctx = dunningCtx(db);
    const imp = { tenantId: w.tenant.id, format: 'csv', fileName: 's.csv', lines: 1, summary: {}, importedBy: 'test' };
    await db.bankImport.create({ data: { ...imp, sha256: `a-${provider}`, statementDate: '2026-03-27' } });
    expect((await previewDunning(ctx, { tenantId: w.tenant.id, date: RUN_DATE })).warning).toBe(
      'the newest bank statement is from 2026-03-27, older than the run date 2026-04-01; reminders may go out for invoices paid since — import the newer statements first',
    );
    await db.bankImport.create({ data: { ...imp, sha256: `b-${provider}`, statementDate: RUN_DATE } });
    expect((await previewDunning(ctx, { tenantId: w.tenant.id, date: RUN_DATE })).warning).toBeUndefined();
  });

  it('writes one letter per customer with a statement of all overdue invoices, records it, and sends nothing twice', async () => {
    const ctx = dunningCtx(db);
    const deps = await processDeps(ctx, sink);
    try {
      const run = { tenantId: w.tenant.id, customerId: w.mueller.id, date: RUN_DATE, delivery: 'send' as const };
      const [letter] = await processCustomer(deps, run);
      expect(letter).toMatchObject({ level: 1, status: 'sent', to: ['buchhaltung@mueller.example'], rows: 2, recorded: 2, key: `dunning:${w.mueller.id}:1:${RUN_DATE}` });
      const mail = await sink.waitFor((m) => m.headers.get('x-recflow-key') === letter!.key);
      expect(mail.subject).toBe(`Zahlungserinnerung: Rechnung ${w.invoices.a1.number}, ${w.invoices.a2.number}`);
      expect(mail.text).toContain('Müller & Söhne GmbH');
      expect(mail.text).toContain('1.500,00');
      expect(mail.attachments).toHaveLength(1);
      const text = await pdfToText(new Uint8Array(mail.attachments[0]!.content));
      expect(text).toContain('Zahlungserinnerung');
      expect(text).toContain('Müller & Söhne GmbH');
      expect(text).toContain('Bäckerei Weiß');
      // The statement: every overdue item of the customer, the stopped A3 and A2's rest included.
      for (const n of [w.invoices.a1.number, w.invoices.a2.number, w.invoices.a3.number]) expect(text).toContain(n!);
      expect(text).toContain('Anzahlung');
      expect(text).toContain('Restzahlung');
      expect(text).toContain('Verzugszinsen');
      expect(text).toContain('12,66');
      expect(text).toContain('4,36');

      const reminders = await db.reminder.findMany({ where: { invoiceId: { in: [w.invoices.a1.id, w.invoices.a2.id] } }, orderBy: { interestMinor: 'desc' } });
      expect(reminders.map((r) => [r.part, r.level, r.sentOn, Number(r.feeMinor), Number(r.interestMinor), r.emailKey])).toEqual([
        ['remaining', 1, RUN_DATE, 0, 1266, letter!.key],
        ['prepayment', 1, RUN_DATE, 0, 436, letter!.key],
      ]);
      const a1 = await getInvoice(ctx, { tenantId: w.tenant.id, invoiceId: w.invoices.a1.id });
      expect(a1).toMatchObject({ status: 'reminded', reminderCount: 1, statusLabel: 'Reminder 1 sent' });
      expect(a1.parts[0]).toMatchObject({ reminderCount: 1, lastReminderDate: RUN_DATE });
      const a2 = await getInvoice(ctx, { tenantId: w.tenant.id, invoiceId: w.invoices.a2.id });
      expect(a2.parts.map((p) => [p.kind, p.reminderCount])).toEqual([['prepayment', 1], ['remaining', 0]]);
      expect(a2.statusLabel).toBe('Reminder 1 sent');
      const events = await db.domainEvent.findMany({ where: { type: 'dunning/level-reached', tenantId: w.tenant.id }, orderBy: { eventId: 'asc' } });
      expect(events.map((e) => e.eventId).sort()).toEqual([`invoice:${w.invoices.a1.id}:remaining:dunning:1`, `invoice:${w.invoices.a2.id}:prepayment:dunning:1`].sort());
      expect(events[0]!.payload).toMatchObject({ type: 'dunning/level-reached', tenantId: w.tenant.id, customerId: w.mueller.id, level: 1 });

      // The same run again (a retried activity, a second run the same day): nothing new.
      const sentBefore = sink.count();
      const before = await tableCounts(db);
      expect(await processCustomer(deps, run)).toEqual([]);
      expect(await tableCounts(db)).toEqual(before);
      expect(sink.count()).toBe(sentBefore);
    } finally {
      await deps.cleanup();
    }
  });

  it('holds drafts until approved, and records the reminder only when the mail goes out', async () => {
    const ctx = dunningCtx(db);
    const deps = await processDeps(ctx, sink);
    try {
      const sentBefore = sink.count();
      const [letter] = await processCustomer(deps, { tenantId: w.tenant.id, customerId: w.stefan.id, date: RUN_DATE, delivery: 'draft' });
      expect(letter).toMatchObject({ level: 1, status: 'draft', recorded: 0 });
      expect(sink.count()).toBe(sentBefore);
      expect(await db.reminder.count({ where: { invoiceId: w.invoices.b1.id } })).toBe(0);
      // Processing again the same day finds the same draft, not a second one.
      expect((await processCustomer(deps, { tenantId: w.tenant.id, customerId: w.stefan.id, date: RUN_DATE, delivery: 'draft' }))[0]).toMatchObject({ status: 'draft', key: letter!.key });
      ctx.setNow('2026-04-02T08:00:00Z');
      expect(await releaseLetters(deps, { tenantId: w.tenant.id, keys: [letter!.key], action: 'approve' })).toEqual([{ key: letter!.key, status: 'sent', recorded: 1 }]);
      const mail = await sink.waitFor((m) => m.headers.get('x-recflow-key') === letter!.key);
      expect(mail.subject).toContain(w.invoices.b1.number!);
      expect(mail.text).toContain('Ștefan Țăranu');
      const text = await pdfToText(new Uint8Array(mail.attachments[0]!.content));
      expect(text).toContain('Ștefan Țăranu');
      expect(text).toContain('Penalități de întârziere');
      const r = await db.reminder.findFirstOrThrow({ where: { invoiceId: w.invoices.b1.id } });
      expect([r.sentOn, Number(r.interestMinor)]).toEqual(['2026-04-02', 189]);
      // Approving again sends nothing more; another tenant cannot touch the letter.
      expect(await releaseLetters(deps, { tenantId: w.tenant.id, keys: [letter!.key], action: 'approve' })).toEqual([{ key: letter!.key, status: 'sent', recorded: 0 }]);
      const other = await db.tenant.create({ data: { name: 'x', slug: `x-${provider}-${Date.now()}` } });
      await expect(releaseLetters(deps, { tenantId: other.id, keys: [letter!.key], action: 'discard' })).rejects.toThrow(/no dunning letter/);
    } finally {
      await deps.cleanup();
    }
  });

  it('charges the flat fee to businesses, the reminder fee to consumers, at level 2', async () => {
    const ctx = dunningCtx(db, '2026-04-20T08:00:00Z');
    const p = await previewDunning(ctx, { tenantId: w.tenant.id, level: 2 });
    expect(p.runDate).toBe('2026-04-20');
    // A1: flat fee 40.00 (business, EUR, first fee on the claim); interest 100000 × 10.27 % × 64 / 365 = 1800.77 → 1801.
    // A2 prepayment: its own claim, its own flat fee; 50000 × 10.27 % × 50 / 365 = 703.42 → 703.
    // B1 (consumer, reminded 2 Apr, 2 Apr < 20 Apr − 14 days): reminder fee 5.00; 50000 × 6.27 % × 41 / 365 = 352.15 → 352.
    const rows = p.rows.map((r) => [r.number, r.part, r.feeKind, r.feeMinor, r.interestMinor]);
    expect(rows.filter((r) => r[0] !== w.invoices.b1.number)).toEqual([
      [w.invoices.a1.number, 'remaining', 'flat-fee', 4000, 1801],
      [w.invoices.a2.number, 'prepayment', 'flat-fee', 4000, 703],
    ]);
    expect(rows.filter((r) => r[0] === w.invoices.b1.number)).toEqual([[w.invoices.b1.number, 'remaining', 'reminder-fee', 500, 352]]);
    expect(p.totals).toEqual([{ currency: 'EUR', openMinor: 200_000, feeMinor: 8500, interestMinor: 1801 + 703 + 352 }]);
    // The level-2 letter claims the fees and interest and shows what is due in total.
    const deps = await processDeps(ctx, sink);
    try {
      const [letter] = await processCustomer(deps, { tenantId: w.tenant.id, customerId: w.mueller.id, date: '2026-04-20', level: 2, delivery: 'send' });
      expect(letter).toMatchObject({ level: 2, status: 'sent', recorded: 2 });
      const mail = await sink.waitFor((m) => m.headers.get('x-recflow-key') === letter!.key);
      expect(mail.subject).toBe(`Mahnung: Rechnung ${w.invoices.a1.number}, ${w.invoices.a2.number}`);
      const text = await pdfToText(new Uint8Array(mail.attachments[0]!.content));
      expect(text).toContain('1. Mahnung');
      expect(text).toMatch(/Verzugspauschale \(§ 288 Abs\. 5 BGB\) ·\s+INV-2026-0001\s+40,00\s€/);
      expect(text).toMatch(/Verzugszinsen · INV-2026-0002\s+7,03\s€/);
      expect(text).toContain('18,01');
      // Open 1,000.00 + 500.00 + 1,500.00 (A2 rest) + 300.00 (A3) = 3,300.00; + 80.00 fees + 25.04 interest = 3,405.04.
      expect(text).toMatch(/Zu zahlen gesamt\s+3\.405,04\s€/);
      const a1 = await getInvoice(ctx, { tenantId: w.tenant.id, invoiceId: w.invoices.a1.id });
      expect(a1).toMatchObject({ status: 'reminded', reminderCount: 2, statusLabel: 'Reminder 2 sent' });
    } finally {
      await deps.cleanup();
    }
    // After 30 June 2026 the base rate is not known: interest is refused and the preview says why.
    const july = await previewDunning(dunningCtx(db, '2026-07-10T08:00:00Z'), { tenantId: w.tenant.id, level: 2, customerId: w.stefan.id });
    expect(july.problems[0]!.problem).toMatch(/interest not computed: the base rate for 2026-07-01 is not known/);
  });

  it('sets and lifts stops with an audit row; a lifted stop lets the item be dunned', async () => {
    const ctx = dunningCtx(db);
    await setDunningStop(ctx, { kind: 'invoice', tenantId: w.tenant.id, id: w.invoices.a3.id }, null);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: w.invoices.a3.id, action: 'dunning-stop-lifted' } });
    expect(audit.data).toEqual({ from: 'bestritten', to: null });
    const p = await previewDunning(ctx, { tenantId: w.tenant.id, date: RUN_DATE, customerId: w.mueller.id });
    expect(p.rows.map((r) => r.number)).toEqual([w.invoices.a3.number]);
    await setDunningStop(ctx, { kind: 'customer', tenantId: w.tenant.id, id: w.mueller.id }, 'Klärung läuft');
    const held = await previewDunning(ctx, { tenantId: w.tenant.id, date: RUN_DATE, customerId: w.mueller.id });
    expect(held.rows).toEqual([]);
    expect(held.held.map((h) => h.why)).toEqual(['dunning stop on the customer: Klärung läuft']);
    await setDunningStop(ctx, { kind: 'customer', tenantId: w.tenant.id, id: w.mueller.id }, null);
    await setDunningStop(ctx, { kind: 'invoice', tenantId: w.tenant.id, id: w.invoices.a3.id }, 'bestritten');
    await expect(setDunningStop(ctx, { kind: 'invoice', tenantId: w.stopped.tenantId, id: 'nope' }, 'x')).rejects.toThrow('no invoice nope');
  });

  it('ages the open items per customer and in total per currency', async () => {
    const r = await agingOf(dunningCtx(db), { tenantId: w.tenant.id, date: RUN_DATE });
    const m = r.customers.find((c) => c.customerId === w.mueller.id)!;
    // A1 45 days, A2 prepayment 31, A3 50 → 31–60; A2 rest 2 days → 1–30.
    expect(m).toMatchObject({ customerName: 'Müller & Söhne GmbH', currency: 'EUR', buckets: { notDue: 0, days1to30: 150_000, days31to60: 180_000, days61to90: 0, over90: 0 }, totalMinor: 330_000, items: 4 });
    expect(r.totals).toEqual([{ currency: 'EUR', buckets: { notDue: 0, days1to30: 200_000, days31to60: 190_000, days61to90: 0, over90: 0 }, totalMinor: 390_000, items: 6 }]);
  });

  it('renders the aging report as a PDF document a rule can attach, once per key', async () => {
    const ctx = dunningCtx(db);
    const deps = await processDeps(ctx, sink);
    try {
      const input = { key: `rule:aging:event:${provider}:step:0`, tenantId: w.tenant.id, date: RUN_DATE };
      const doc = await renderAgingReport(deps)(input);
      const text = await pdfToText(doc.path, { layout: true });
      expect(text).toContain('Bäckerei Weiß · Aging report 2026-04-01');
      expect(text).toMatch(/Müller & Söhne GmbH\s+EUR\s+0\.00\s+1500\.00\s+1800\.00\s+0\.00\s+0\.00\s+3300\.00/);
      expect(text).toContain('Ștefan Țăranu');
      expect(text).toMatch(/Total\s+EUR\s+0\.00\s+2000\.00\s+1900\.00\s+0\.00\s+0\.00\s+3900\.00/);
      expect(await renderAgingReport(deps)(input)).toEqual(doc);
      expect(await db.document.findUniqueOrThrow({ where: { key: input.key } })).toMatchObject({ kind: 'aging-report', sha256: doc.sha256 });
    } finally {
      await deps.cleanup();
    }
  });

  it('records without mailing again when an earlier attempt sent the letter and died before recording', async () => {
    const ctx = dunningCtx(db);
    const deps = await processDeps(ctx, sink);
    try {
      const c = await db.customer.create({ data: { tenantId: w.tenant.id, name: 'Größe AG', language: 'de', contacts: { create: [{ name: 'B', email: 'b@groesse.example', role: 'accounting' }] } } });
      const d = await createDraft({ db, actor: 'test', now: () => new Date('2026-02-01T09:00:00Z') }, { tenantId: w.tenant.id, customerId: c.id, kind: 'final', lines: [{ description: 'x', quantity: '1', unitPriceMinor: 1000, taxRateBp: 0 }], dueDate: '2026-02-10' });
      await issueInvoice({ db, actor: 'test' }, { tenantId: w.tenant.id, invoiceId: d.id });
      const key = letterKey(c.id, 1, RUN_DATE);
      // The earlier attempt: its mail went out under the letter key, then the worker died.
      await queueMessage(deps, { key, to: ['b@groesse.example'], subject: 'Zahlungserinnerung', text: 'erste Zustellung' });
      const mails = sink.count();
      expect(await processCustomer(deps, { tenantId: w.tenant.id, customerId: c.id, date: RUN_DATE, delivery: 'send' })).toMatchObject([{ key, status: 'sent', recorded: 1 }]);
      expect(sink.count()).toBe(mails);
      expect(sink.count((m) => m.headers.get('x-recflow-key') === key)).toBe(1);
      expect((await getInvoice(ctx, { tenantId: w.tenant.id, invoiceId: d.id })).statusLabel).toBe('Reminder 1 sent');
    } finally {
      await deps.cleanup();
    }
  });
});
