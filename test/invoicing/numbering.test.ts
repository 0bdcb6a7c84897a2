// Gapless numbering under concurrent issuers: on PostgreSQL separate clients (think:
// worker processes on several machines), on SQLite concurrent callers of one client (the
// embedded setup: better-sqlite3 is synchronous, so several clients in one process would
// block each other's event loop while waiting for the lock — separate processes wait fine).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { createDraft, issueInvoice } from '../../src/invoicing/index.js';
import { courseLine, tenantWithCustomer, testDatabase, type Provider } from './support.js';

const run = promisify(execFile);
const WORKERS = 8;
const PER_WORKER = 6;

describe.each(['postgresql', 'sqlite'] as Provider[])('numbering on %s', (provider) => {
  let url: string;
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ url, db, cleanup } = await testDatabase(provider)));
  afterAll(async () => cleanup?.());
  const workerClients = () => (provider === 'postgresql' ? Promise.all(Array.from({ length: WORKERS }, () => createDb(url))) : Array.from({ length: WORKERS }, () => db));

  it(`${WORKERS} concurrent issuers: no gap, no duplicate, per series and year`, async () => {
    const { tenant, customer, ctx } = await tenantWithCustomer(db);
    const drafts: { id: string }[] = [];
    for (let i = 0; i < WORKERS * PER_WORKER; i++) {
      drafts.push(await createDraft(ctx, { tenantId: tenant.id, customerId: customer.id, kind: i % 3 === 0 ? 'proforma' : 'final', lines: [courseLine] }));
    }
    const clients = await workerClients();
    try {
      await Promise.all(
        clients.map(async (client, w) => {
          for (let i = w; i < drafts.length; i += WORKERS) {
            await issueInvoice({ ...ctx, db: client, actor: `worker-${w}` }, { tenantId: tenant.id, invoiceId: drafts[i]!.id });
          }
        }),
      );
    } finally {
      if (provider === 'postgresql') await Promise.all(clients.map((c) => c.$disconnect()));
    }
    const rows = await db.invoice.findMany({ where: { tenantId: tenant.id } });
    for (const series of ['PF', 'INV']) {
      const seqs = rows.filter((r) => r.series === series).map((r) => r.seq!).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    }
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    const counters = await db.numberSeries.findMany({ where: { tenantId: tenant.id }, orderBy: { series: 'asc' } });
    expect(counters.map((c) => [c.series, c.year, c.lastSeq])).toEqual([['INV', 2026, 32], ['PF', 2026, 16]]);
  });

  it('the same draft issued by 8 workers at once gets one number and burns none', async () => {
    const { tenant, customer, ctx } = await tenantWithCustomer(db);
    const draft = await createDraft(ctx, { tenantId: tenant.id, customerId: customer.id, kind: 'final', lines: [courseLine] });
    const clients = await workerClients();
    try {
      const results = await Promise.all(clients.map((client) => issueInvoice({ ...ctx, db: client }, { tenantId: tenant.id, invoiceId: draft.id })));
      expect(new Set(results.map((r) => r.number))).toEqual(new Set(['INV-2026-0001']));
    } finally {
      if (provider === 'postgresql') await Promise.all(clients.map((c) => c.$disconnect()));
    }
    const next = await createDraft(ctx, { tenantId: tenant.id, customerId: customer.id, kind: 'final', lines: [courseLine] });
    expect((await issueInvoice(ctx, { tenantId: tenant.id, invoiceId: next.id })).number).toBe('INV-2026-0002');
  });

  it('a series restarts at 1 in a new year', async () => {
    const { tenant, customer, ctx } = await tenantWithCustomer(db);
    const issue = async () => (await issueInvoice(ctx, { tenantId: tenant.id, invoiceId: (await createDraft(ctx, { tenantId: tenant.id, customerId: customer.id, kind: 'final', lines: [courseLine] })).id })).number;
    expect(await issue()).toBe('INV-2026-0001');
    ctx.setNow(new Date('2027-01-02T10:00:00Z'));
    expect(await issue()).toBe('INV-2027-0001');
  });
});

describe('numbering across processes on SQLite', () => {
  let url: string;
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ url, db, cleanup } = await testDatabase('sqlite')));
  afterAll(async () => cleanup?.());

  it(`${WORKERS} issuing processes on one SQLite file: no gap, no duplicate (busy waits and retries)`, async () => {
    const { tenant, customer, ctx } = await tenantWithCustomer(db);
    const ids: string[] = [];
    for (let i = 0; i < WORKERS * 3; i++) ids.push((await createDraft(ctx, { tenantId: tenant.id, customerId: customer.id, kind: 'final', lines: [courseLine] })).id);
    const script = path.join(projectRoot, 'test/invoicing/issuer-process.ts');
    const outputs = await Promise.all(
      Array.from({ length: WORKERS }, (_, w) =>
        run(process.execPath, ['--import', 'tsx', script, tenant.id, ...ids.filter((_, i) => i % WORKERS === w)], { env: { ...process.env, DATABASE_URL: url } }),
      ),
    );
    expect(outputs.map((o) => o.stdout.trim())).toEqual(Array(WORKERS).fill('done 3'));
    const seqs = (await db.invoice.findMany({ where: { tenantId: tenant.id } })).map((r) => r.seq!).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
  });
});
