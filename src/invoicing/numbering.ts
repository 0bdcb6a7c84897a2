// Gapless numbers: the counter row is bumped by one atomic statement inside the issuing
// transaction. On PostgreSQL the upsert locks the row until commit, so concurrent issuers
// of one series queue up behind it; a rollback returns the number. On SQLite a write
// transaction holds the database lock; losers wait (busy timeout) or are retried.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db, DbTransaction } from '../platform/db.js';

/** The next sequence number of a series and year. Call inside the transaction that uses it. */
export async function nextSequence(tx: DbTransaction, key: { tenantId: string; series: string; year: number }): Promise<number> {
  const rows = await tx.$queryRaw<{ lastSeq: number | bigint }[]>`
    INSERT INTO "NumberSeries" ("id", "tenantId", "series", "year", "lastSeq")
    VALUES (${randomUUID()}, ${key.tenantId}, ${key.series}, ${key.year}, 1)
    ON CONFLICT ("tenantId", "series", "year") DO UPDATE SET "lastSeq" = "NumberSeries"."lastSeq" + 1
    RETURNING "lastSeq"`;
  const seq = rows[0]?.lastSeq;
  if (seq === undefined) throw new Error(`numbering: no counter row returned for ${key.series}/${key.year}`);
  return Number(seq);
}

/** Busy, deadlock, serialization and write-conflict errors: the transaction may simply run again. */
export function isTransient(e: unknown): boolean {
  const text = `${(e as { code?: string }).code ?? ''} ${(e as Error)?.message ?? ''} ${String((e as { cause?: unknown }).cause ?? '')}`;
  return /SQLITE_BUSY|database is locked|P2034|40001|40P01|deadlock|could not serialize|write conflict/i.test(text);
}

/** Runs an interactive transaction, again (with backoff) when it failed transiently. */
export async function transaction<T>(db: Db, fn: (tx: DbTransaction) => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn, { maxWait: 30_000, timeout: 30_000 });
    } catch (e) {
      if (attempt >= attempts || !isTransient(e)) throw e;
      await sleep(Math.random() * 20 * attempt);
    }
  }
}
