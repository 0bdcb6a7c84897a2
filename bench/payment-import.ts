// Importing a large bank statement into the database: n lines against n open invoices,
// parse, match and the batched writes, on SQLite and PostgreSQL. Prints figures.
import { randomUUID } from 'node:crypto';
import { formatDecimal } from '../src/domain/money.js';
import { formatInvoiceNumber } from '../src/domain/numbering.js';
import { insertRows } from '../src/invoicing/allocation-writes.js';
import { importStatement, type ImportProgress } from '../src/payments/index.js';
import { createDb, type Db } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { csvTemplateSchema } from '../src/receivables/index.js';
import { createTestDatabase, createTestSqlite, startPostgres } from '../test/support/postgres.js';
import { printFigure } from './report.js';

const PER_CUSTOMER = 10;

/** A tenant with n/10 customers and n open invoices, and a CSV statement paying them: 80 % in full by number, 10 % half, 10 % unknown. */
export async function seedLargeStatement(db: Db, N: number) {
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


export const LARGE_TEMPLATE = csvTemplateSchema.parse({ name: 'big', columns: { bookingDate: 'Buchungstag', payerName: 'Name', payerIban: 'IBAN', reference: 'Verwendungszweck', amount: 'Betrag', currency: 'Waehrung' } });

/** Imports the statement, timing each phase (progress callbacks mark the phase changes). */
export async function timedImport(db: Db, tenantId: string, csv: Uint8Array) {
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
  const imp = await importStatement({ db, actor: 'bench' }, { tenantId, bytes: csv, fileName: 'big.csv', template: LARGE_TEMPLATE, onProgress });
  return { imp, seconds: (performance.now() - t0) / 1000, phases };
}

export async function benchPaymentImport(n = Number(process.env.RECFLOW_IMPORT_LINES ?? 100_000)): Promise<void> {
  const sqlite = createTestSqlite();
  const server = await startPostgres();
  const pg = await createTestDatabase(server.url);
  try {
    for (const [provider, url] of [['sqlite', sqlite.url], ['postgresql', pg.url]] as const) {
      await migrate(url);
      const db = await createDb(url);
      try {
        const { tenant, csv } = await seedLargeStatement(db, n);
        const { seconds, phases } = await timedImport(db, tenant.id, csv);
        const detail = [...phases].map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`).join(', ');
        printFigure(`import ${n} statement lines on ${provider} (${detail})`, seconds, 's');
      } finally {
        await db.$disconnect();
      }
    }
  } finally {
    await pg.drop();
    await server.stop();
    sqlite.cleanup();
  }
}
