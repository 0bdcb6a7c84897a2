// The SQLite connection keeps prepared statements (src/platform/db.ts): a kept statement
// must give the same answers as a fresh one, whatever the arguments, order or eviction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/platform/db.js';
import { migrate } from '../../src/platform/migrate.js';
import { createTestSqlite } from '../support/postgres.js';

describe('kept SQLite statements', () => {
  let db: Db;
  let cleanup: () => void;

  beforeAll(async () => {
    const target = createTestSqlite();
    cleanup = target.cleanup;
    await migrate(target.url);
    db = await createDb(target.url);
    await db.tenant.createMany({ data: Array.from({ length: 20 }, (_, i) => ({ name: `Tenant ${i}`, slug: `t-${i}` })) });
  });
  afterAll(async () => {
    await db?.$disconnect();
    cleanup?.();
  });

  it('answers the same query with each call’s own arguments, also side by side', async () => {
    const found = await Promise.all(Array.from({ length: 20 }, (_, i) => db.tenant.findUnique({ where: { slug: `t-${i}` } })));
    expect(found.map((t) => t?.name)).toEqual(Array.from({ length: 20 }, (_, i) => `Tenant ${i}`));
    expect(await db.tenant.findUnique({ where: { slug: 'nobody' } })).toBeNull();
  });

  it('pages with each call’s own take and skip (LIMIT and OFFSET are written into the SQL)', async () => {
    const slugs = Array.from({ length: 20 }, (_, i) => `t-${i}`).sort();
    for (const [take, skip] of [[5, 0], [5, 3], [1, 19], [3, 18], [5, 3], [0, 2]] as const) {
      const page = await db.tenant.findMany({ take, skip, orderBy: { slug: 'asc' }, select: { slug: true } });
      expect(page.map((t) => t.slug)).toEqual(slugs.slice(skip, skip + take));
    }
    expect((await db.tenant.findFirst({ where: { slug: { startsWith: 't-1' } }, orderBy: { slug: 'desc' } }))?.slug).toBe('t-19');
  });

  it('reads rows and writes with the same statements in and out of transactions', async () => {
    for (let round = 0; round < 3; round++) {
      await db.$transaction(async (tx) => {
        await tx.tenant.update({ where: { slug: 't-1' }, data: { name: `Renamed ${round}` } });
        expect((await tx.tenant.findUniqueOrThrow({ where: { slug: 't-1' } })).name).toBe(`Renamed ${round}`);
      });
      expect((await db.tenant.findUniqueOrThrow({ where: { slug: 't-1' } })).name).toBe(`Renamed ${round}`);
    }
  });

  it('still answers after more distinct statements than it keeps (the oldest are dropped)', async () => {
    // 600 different SQL texts: more than the 500 kept.
    for (let i = 0; i < 600; i++) {
      const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT ${i} + ? AS n`, 1);
      expect(Number(rows[0]!.n)).toBe(i + 1);
    }
    const again = await db.$queryRawUnsafe<{ n: bigint }[]>('SELECT 0 + ? AS n', 41);
    expect(Number(again[0]!.n)).toBe(41);
    expect(await db.tenant.count()).toBe(20);
  });

  it('reports a failing statement and then runs it again', async () => {
    await expect(db.tenant.create({ data: { name: 'Twin', slug: 't-2' } })).rejects.toThrow(/Unique constraint/);
    await expect(db.tenant.create({ data: { name: 'Twin', slug: 't-2' } })).rejects.toThrow(/Unique constraint/);
    expect((await db.tenant.create({ data: { name: 'New', slug: 't-new' } })).slug).toBe('t-new');
  });
});
