// A migrated database per provider with one tenant and customer, for invoicing tests.
import { randomUUID } from 'node:crypto';
import { createDb, type Db } from '../../src/platform/db.js';
import { migrate } from '../../src/platform/migrate.js';
import type { InvoicingContext } from '../../src/invoicing/index.js';
import { createTestDatabase, createTestSqlite, postgresServerUrl } from '../support/postgres.js';

export type Provider = 'sqlite' | 'postgresql';

export async function testDatabase(provider: Provider): Promise<{ url: string; db: Db; cleanup(): Promise<void> }> {
  const target = provider === 'sqlite' ? createTestSqlite() : await createTestDatabase(postgresServerUrl());
  await migrate(target.url);
  const db = await createDb(target.url);
  return {
    url: target.url,
    db,
    cleanup: async () => {
      await db.$disconnect();
      await ('drop' in target ? target.drop() : target.cleanup());
    },
  };
}

/** A tenant (Bucharest time) with one customer; `now` is fixed unless given. */
export async function tenantWithCustomer(db: Db, opts: { dispatchMode?: 'auto' | 'manual'; now?: Date } = {}) {
  const slug = `t-${randomUUID().slice(0, 8)}`;
  const tenant = await db.tenant.create({ data: { name: slug, slug, timeZone: 'Europe/Bucharest' } });
  const customer = await db.customer.create({
    data: { tenantId: tenant.id, name: 'Ana Popescu', currency: 'RON', language: 'ro', dispatchMode: opts.dispatchMode ?? 'auto', paymentTermDays: 14 },
  });
  let now = opts.now ?? new Date('2026-11-23T10:00:00Z');
  const ctx: InvoicingContext & { setNow(d: Date): void } = { db, actor: 'test', now: () => now, setNow: (d) => (now = d) };
  return { tenant, customer, ctx };
}

export const courseLine = { description: 'Curs de patiserie', quantity: '1', unitPriceMinor: 100_000, taxRateBp: 1900 };
