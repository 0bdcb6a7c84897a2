// Invoice numbers assigned per second by 8 concurrent workers (separate clients, as
// separate processes would be) on one PostgreSQL series, then a check for gaps and
// duplicates. Prints figures; nothing passes or fails.
import { randomUUID } from 'node:crypto';
import { createDraft, issueInvoice } from '../src/invoicing/index.js';
import { nextSequence, transaction } from '../src/invoicing/numbering.js';
import { createDb, type Db } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { createTestDatabase, startPostgres } from '../test/support/postgres.js';
import { printFigure } from './report.js';

const WORKERS = 8;
const PER_WORKER = 50;

export async function benchNumbering(): Promise<void> {
  const server = await startPostgres();
  const database = await createTestDatabase(server.url);
  const clients: Db[] = [];
  try {
    await migrate(database.url);
    const db = await createDb(database.url);
    clients.push(db);
    const slug = `bench-${randomUUID().slice(0, 8)}`;
    const tenant = await db.tenant.create({ data: { name: slug, slug } });
    const customer = await db.customer.create({ data: { tenantId: tenant.id, name: 'Bench customer' } });
    const ctx = { db, actor: 'bench' };
    const drafts: string[] = [];
    for (let i = 0; i < WORKERS * PER_WORKER; i++) {
      const d = await createDraft(ctx, { tenantId: tenant.id, customerId: customer.id, kind: 'final', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 1000, taxRateBp: 1900 }] });
      drafts.push(d.id);
    }
    for (let w = 0; w < WORKERS; w++) clients.push(await createDb(database.url));
    const started = performance.now();
    await Promise.all(
      clients.slice(1).map(async (client, w) => {
        for (let i = w; i < drafts.length; i += WORKERS) await issueInvoice({ db: client, actor: `worker-${w}` }, { tenantId: tenant.id, invoiceId: drafts[i]! });
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const seqs = (await db.invoice.findMany({ where: { tenantId: tenant.id }, select: { seq: true } })).map((r) => r.seq!).sort((a, b) => a - b);
    const gaps = seqs.filter((s, i) => s !== i + 1).length;
    const duplicates = seqs.length - new Set(seqs).size;
    printFigure(`invoices issued (numbered) per second, ${WORKERS} concurrent workers on PostgreSQL, one series`, drafts.length / seconds, '/s');
    console.log(`numbers assigned: ${seqs.length}, first ${seqs[0]}, last ${seqs.at(-1)}, gaps ${gaps}, duplicates ${duplicates}`);

    // The counter alone: one transaction per number, no invoice work around it.
    const bare = 200;
    const t0 = performance.now();
    const got = await Promise.all(
      clients.slice(1).map(async (client) => {
        const mine: number[] = [];
        for (let i = 0; i < bare; i++) mine.push(await transaction(client, (tx) => nextSequence(tx, { tenantId: tenant.id, series: 'BENCH', year: 2026 })));
        return mine;
      }),
    );
    const all = got.flat().sort((a, b) => a - b);
    printFigure(`counter increments per second (transaction each), ${WORKERS} workers`, all.length / ((performance.now() - t0) / 1000), '/s');
    console.log(`counter values: ${all.length}, gaps ${all.filter((s, i) => s !== i + 1).length}, duplicates ${all.length - new Set(all).size}`);
  } finally {
    await Promise.all(clients.map((c) => c.$disconnect()));
    await database.drop();
    await server.stop();
  }
}
