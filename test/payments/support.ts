// A tenant with customers and issued invoices in EUR and RON, and statement fixtures.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import * as inv from '../../src/invoicing/index.js';
import type { Db } from '../../src/platform/db.js';
import { loadCsvTemplate, type CsvTemplate } from '../../src/receivables/index.js';

export const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
export const receivablesFixture = (name: string) => new Uint8Array(readFileSync(new URL(`../receivables/fixtures/${name}`, import.meta.url)));

export function template(file: string, dir = './fixtures/'): CsvTemplate {
  const r = loadCsvTemplate(file, readFileSync(new URL(`${dir}${file}`, import.meta.url), 'utf8'));
  if (!r.template) throw new Error(JSON.stringify(r.errors));
  return r.template;
}

/**
 * Invoices (all issued 2026-03-01, no tax):
 * 0001 Müller 1,000.00 due 03-20 · 0002 Müller 785.00 due 03-10 · 0003 Bäckerei 238.00 ·
 * 0004 Kowalski 500.00 due 03-20 · 0005 Popescu RON 100.00 · 0006 Kowalski 400.00 due 03-05 ·
 * 0007 Weiß 70.00 (no IBAN known yet).
 */
export async function receivablesTenant(db: Db) {
  const slug = `p-${randomUUID().slice(0, 8)}`;
  const tenant = await db.tenant.create({ data: { name: slug, slug, timeZone: 'Europe/Berlin' } });
  const ctx = { db, actor: 'test', now: () => new Date('2026-03-01T09:00:00Z') };
  const customer = async (name: string, currency = 'EUR', ibans: string[] = []) =>
    db.customer.create({ data: { tenantId: tenant.id, name, currency, language: 'de', bankAccounts: { create: ibans.map((iban) => ({ iban })) } } });
  const mueller = await customer('Jürgen Müller GmbH', 'EUR', ['DE02120300000000202051']);
  const baecker = await customer('Bäckerei Größer e.K.');
  const kowalski = await customer('Paweł Kowalski Sp. z o.o.');
  const popescu = await customer('Ioana Popescu PFA', 'RON');
  const weiss = await customer('Zoë Weiß');
  const invoice = async (customerId: string, amountMinor: number, dueDate: string) => {
    const d = await inv.createDraft(ctx, { tenantId: tenant.id, customerId, kind: 'final', dueDate, lines: [{ description: 'Kurs', quantity: '1', unitPriceMinor: amountMinor, taxRateBp: 0 }] });
    return inv.issueInvoice(ctx, { tenantId: tenant.id, invoiceId: d.id });
  };
  const invoices = [
    await invoice(mueller.id, 100_000, '2026-03-20'),
    await invoice(mueller.id, 78_500, '2026-03-10'),
    await invoice(baecker.id, 23_800, '2026-03-15'),
    await invoice(kowalski.id, 50_000, '2026-03-20'),
    await invoice(popescu.id, 10_000, '2026-03-15'),
    await invoice(kowalski.id, 40_000, '2026-03-05'),
    await invoice(weiss.id, 7_000, '2026-04-30'),
  ];
  const byNumber = Object.fromEntries(invoices.map((i) => [i.number!.slice(-4), i]));
  return { tenant, ctx: { ...ctx, now: () => new Date('2026-03-16T09:00:00Z') }, customers: { mueller, baecker, kowalski, popescu, weiss }, inv: byNumber };
}
