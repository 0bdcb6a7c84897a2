// A German tenant with overdue invoices for dunning tests (run date 2026-04-01):
//   Müller & Söhne GmbH (business, de): A1 1,000.00 due 15 Feb (level 1), A2 2,000.00 with
//     a 500.00 prepayment due 1 Mar (level 1) and the rest due 30 Mar (overdue, not yet
//     due for a reminder), A3 300.00 due 10 Feb with an invoice stop (held).
//   Ștefan Țăranu (consumer, ro): B1 500.00 due 10 Mar (level 1).
//   Stopp GmbH (customer stop): C1 100.00 due 1 Feb (held).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DunningContext } from '../../src/dunning/index.js';
import type { ProcessDeps } from '../../src/dunning/process.js';
import * as inv from '../../src/invoicing/index.js';
import type { Db } from '../../src/platform/db.js';
import { createMailer } from '../../src/platform/mail.js';
import type { SmtpSink } from '../support/smtp-sink.js';

export const RUN_DATE = '2026-04-01';

const line = (gross: number) => ({ description: 'Beratung Größe Ü', quantity: '1', unitPriceMinor: gross, taxRateBp: 0 });

export async function dunningTenant(db: Db) {
  const slug = `d-${randomUUID().slice(0, 8)}`;
  const tenant = await db.tenant.create({
    data: {
      name: 'Bäckerei Weiß', slug, timeZone: 'Europe/Berlin', ownerEmail: 'chef@baeckerei.example', addressLine1: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE',
      iban: 'DE89370400440532013000', reminderFee2Minor: 500n, reminderFee3Minor: 1000n, germanFlatFee: true, chargeInterest: true,
    },
  });
  const branch = await db.branch.create({ data: { tenantId: tenant.id, name: 'Berlin', dunningDays1: 7, dunningDays2: 14, dunningDays3: 14 } });
  const customer = (name: string, language: string, isBusiness: boolean, accounting: string, extra: object = {}) =>
    db.customer.create({
      data: {
        tenantId: tenant.id, branchId: branch.id, name, language, isBusiness, currency: 'EUR', email: `info@${accounting}`, addressLine1: 'Straße 2', city: 'Köln', country: 'DE',
        contacts: { create: [{ name: 'Buchhaltung', email: `buchhaltung@${accounting}`, role: 'accounting' }, { name: 'Chef', email: `chef@${accounting}`, role: 'main' }] },
        ...extra,
      },
    });
  const mueller = await customer('Müller & Söhne GmbH', 'de', true, 'mueller.example');
  const stefan = await customer('Ștefan Țăranu', 'ro', false, 'taranu.example');
  const stopped = await customer('Stopp GmbH', 'de', true, 'stopp.example', { dunningStop: 'Ratenzahlung vereinbart' });
  let now = new Date('2026-02-01T09:00:00Z');
  const ctx = { db, actor: 'test', now: () => now };
  const issue = async (customerId: string, gross: number, issued: string, dueDate: string, prepayment?: { amountMinor: number; dueDate: string }) => {
    now = new Date(`${issued}T09:00:00Z`);
    const d = await inv.createDraft(ctx, { tenantId: tenant.id, customerId, kind: 'final', lines: [line(gross)], dueDate, ...(prepayment && { prepayment }) });
    return inv.issueInvoice(ctx, { tenantId: tenant.id, invoiceId: d.id });
  };
  const a1 = await issue(mueller.id, 100_000, '2026-02-01', '2026-02-15');
  const a2 = await issue(mueller.id, 200_000, '2026-02-15', '2026-03-30', { amountMinor: 50_000, dueDate: '2026-03-01' });
  const a3 = await issue(mueller.id, 30_000, '2026-01-27', '2026-02-10');
  await db.invoice.update({ where: { id: a3.id }, data: { dunningStop: 'bestritten' } });
  const b1 = await issue(stefan.id, 50_000, '2026-02-24', '2026-03-10');
  const c1 = await issue(stopped.id, 10_000, '2026-01-18', '2026-02-01');
  return { tenant, branch, mueller, stefan, stopped, invoices: { a1, a2, a3, b1, c1 } };
}

export type DunningWorld = Awaited<ReturnType<typeof dunningTenant>>;

export function dunningCtx(db: Db, now = `${RUN_DATE}T08:00:00Z`): DunningContext & { setNow(iso: string): void } {
  let t = new Date(now);
  return { db, actor: 'test', now: () => t, setNow: (iso) => (t = new Date(iso)) };
}

/** Process deps with a real mailer to the sink and a temporary data folder. */
export async function processDeps(ctx: DunningContext, sink: SmtpSink): Promise<ProcessDeps & { cleanup(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-dunning-'));
  const mailer = createMailer({ dataDir, smtpUrl: sink.url, mailFrom: 'Bäckerei Weiß <billing@recflow.test>' }, () => {});
  return {
    ctx, db: ctx.db, mailer, dataDir, mailFrom: 'billing@recflow.test', mailDomain: 'recflow.test',
    cleanup: async () => {
      mailer.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Row counts of every table dunning may touch: "preview changes nothing" compares them. */
export async function tableCounts(db: Db) {
  const parts = await db.invoicePart.findMany({ select: { reminderCount: true, lastReminderDate: true }, orderBy: { id: 'asc' } });
  const invoices = await db.invoice.findMany({ select: { status: true, reminderCount: true }, orderBy: { id: 'asc' } });
  return {
    reminders: await db.reminder.count(), events: await db.domainEvent.count({ where: { type: 'dunning/level-reached' } }), mails: await db.emailMessage.count(),
    documents: await db.document.count(), audit: await db.auditEvent.count(), parts, invoices,
  };
}
