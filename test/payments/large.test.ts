// A 100k-line CSV statement against 100k open invoices, on SQLite and PostgreSQL: the
// import is one transaction with batched writes; the figure is printed for the report.
// RECFLOW_LARGE_LINES changes the size (e.g. 10000 for a quick run).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDecimal } from '../../src/domain/money.js';
import { formatInvoiceNumber } from '../../src/domain/numbering.js';
import { insertRows } from '../../src/invoicing/allocation-writes.js';
import { importStatement, type ImportProgress } from '../../src/payments/index.js';
import type { Db } from '../../src/platform/db.js';
import { csvTemplateSchema } from '../../src/receivables/index.js';
import { testDatabase, type Provider } from '../invoicing/support.js';

const N = Number(process.env.RECFLOW_LARGE_LINES ?? 100_000);
const PER_CUSTOMER = 10;

async function seed(db: Db) {
  const slug = `big-${randomUUID().slice(0, 8)}`;
  const tenant = await db.tenant.create({ data: { name: slug, slug } });
  const customers = Array.from({ length: N / PER_CUSTOMER }, (_, c) => ({ id: randomUUID(), tenantId: tenant.id, name: `Kunde ${c} GmbH`, currency: 'EUR' }));
  const now = new Date();
  await insertRows(db as never, 'Customer', customers.map((c) => ({ ...c, createdAt: now, updatedAt: now })));
  const invoices = Array.from({ length: N }, (_, i) => {
    const gross = 1_000 + ((i * 7919) % 500_000);
    return {
      id: randomUUID(), tenantId: tenant.id, customerId: customers[Math.floor(i / PER_CUSTOMER)]!.id, kind: 'final', series: 'INV', year: 2026, seq: i + 1,
      number: formatInvoiceNumber({ series: 'INV', year: 2026, seq: i + 1 }, '{series}-{year}-{seq:6}'), status: 'issued', issueDate: '2026-03-01',
      dueDate: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`, currency: 'EUR', language: 'de', netMinor: BigInt(gross), taxMinor: 0n, grossMinor: BigInt(gross), taxBreakdown: [],
    };
  });
  // Seeded with the import's own multi-row INSERT: createMany would take minutes here.
  await insertRows(db as never, 'Invoice', invoices.map((v) => ({ ...v, netMinor: Number(v.netMinor), taxMinor: 0, grossMinor: Number(v.grossMinor), taxBreakdown: '[]', createdAt: now, updatedAt: now })));
  await insertRows(db as never, 'InvoicePart', invoices.map((v) => ({ id: randomUUID(), invoiceId: v.id, kind: 'remaining', amountMinor: Number(v.grossMinor), dueDate: v.dueDate })));
  // 80 % pay one invoice in full by number, 10 % pay half of one, 10 % name nothing known.
  const rows = invoices.map((v, i) => {
    const gross = Number(v.grossMinor);
    const [amount, text] = i % 10 < 8 ? [gross, `Rechnung ${v.number}`] : i % 10 === 8 ? [Math.floor(gross / 2), `Teilzahlung ${v.number}`] : [gross, `Spende ${i}`];
    const payer = i % 10 === 9 ? `Unbekannt ${i}` : `Kunde ${Math.floor(i / PER_CUSTOMER)} GmbH`;
    return `20.03.2026;${payer};;${text};${formatDecimal(amount, 'EUR').replace('.', ',')};EUR`;
  });
  const csv = `Buchungstag;Name;IBAN;Verwendungszweck;Betrag;Waehrung\n${rows.join('\n')}\n`;
  return { tenant, csv: new TextEncoder().encode(csv) };
}

describe.each(['sqlite', 'postgresql'] as Provider[])(`a ${N}-line statement on %s`, (provider) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ db, cleanup } = await testDatabase(provider)));
  afterAll(async () => cleanup?.());

  it('imports in one transaction with batched writes', { timeout: 900_000 }, async () => {
    const { tenant, csv } = await seed(db);
    const template = csvTemplateSchema.parse({ name: 'big', columns: { bookingDate: 'Buchungstag', payerName: 'Name', payerIban: 'IBAN', reference: 'Verwendungszweck', amount: 'Betrag', currency: 'Waehrung' } });
    const phases = new Map<string, number>();
    let last = performance.now();
    let phase = '';
    const onProgress = (p: ImportProgress) => {
      const now = performance.now();
      if (phase) phases.set(phase, (phases.get(phase) ?? 0) + now - last);
      last = now;
      phase = p.phase;
    };
    const t0 = performance.now();
    const imp = await importStatement({ db, actor: 'bench' }, { tenantId: tenant.id, bytes: csv, fileName: 'big.csv', template, onProgress });
    const seconds = (performance.now() - t0) / 1000;
    const detail = [...phases].map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`).join(', ');
    console.log(`[figure] import ${N} lines on ${provider}: ${seconds.toFixed(1)} s (${detail})`);
    expect(imp.summary).toMatchObject({ lines: N, matched: N * 0.8, partial: N * 0.1, review: N * 0.1 });
    expect(await db.payment.count({ where: { tenantId: tenant.id } })).toBe(N * 0.9);
    expect(await db.invoice.count({ where: { tenantId: tenant.id, status: 'paid' } })).toBe(N * 0.8);
    expect(await db.domainEvent.count({ where: { tenantId: tenant.id, type: 'invoice/paid' } })).toBe(N * 0.8);
    expect(seconds).toBeLessThan(300);
  });
});
