// A statement larger than every write batch (500 rows) and SQLite's parameter limit, on
// SQLite and PostgreSQL: the import is one transaction whose batched writes add up. The
// 100k-line figure is `npm run bench -- import`; RECFLOW_LARGE_LINES sizes this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLargeStatement, timedImport } from '../../bench/payment-import.js';
import type { Db } from '../../src/platform/db.js';
import { testDatabase, type Provider } from '../invoicing/support.js';

const N = Number(process.env.RECFLOW_LARGE_LINES ?? 3_000);

describe.each(['sqlite', 'postgresql'] as Provider[])(`a ${N}-line statement on %s`, (provider) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ db, cleanup } = await testDatabase(provider)));
  afterAll(async () => cleanup?.());

  it('imports in one transaction with batched writes', { timeout: 300_000 }, async () => {
    const { tenant, csv } = await seedLargeStatement(db, N);
    const { imp } = await timedImport(db, tenant.id, csv);
    expect(imp.summary).toMatchObject({ lines: N, matched: N * 0.8, partial: N * 0.1, review: N * 0.1 });
    expect(await db.payment.count({ where: { tenantId: tenant.id } })).toBe(N * 0.9);
    expect(await db.invoice.count({ where: { tenantId: tenant.id, status: 'paid' } })).toBe(N * 0.8);
    expect(await db.invoice.count({ where: { tenantId: tenant.id, status: 'partially_paid' } })).toBe(N * 0.1);
    expect(await db.domainEvent.count({ where: { tenantId: tenant.id, type: 'invoice/paid' } })).toBe(N * 0.8);
    expect(await db.domainEvent.count({ where: { tenantId: tenant.id, type: 'payment/received' } })).toBe(N * 0.9);
  });
});
