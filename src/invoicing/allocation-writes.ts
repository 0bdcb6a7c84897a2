// Batched writes for allocations: one UPDATE per 500 invoices (CASE per id) instead of
// one per row, because an interactive transaction pays a round trip per statement and a
// 100k-line statement would otherwise spend minutes there. Plain SQL both SQLite and
// PostgreSQL run: CASE, CAST(… AS BIGINT), quoted Prisma table names.
import { join, raw, sqltag as sql } from '@prisma/client/runtime/client';
import { randomBytes } from 'node:crypto';
import type { RecflowEvent } from '../events/catalog.js';
import type { DbTransaction } from '../platform/db.js';
import { InvoicingError } from './context.js';

export interface PaidUpdate {
  invoiceId: string;
  /** What the invoice was read with: the update only applies if it still is. */
  fromStatus: string;
  fromPaid: bigint;
  status: string;
  paidMinor: number;
  parts: { id: string; paidMinor: number }[];
}

/**
 * INSERTs rows (all with the same keys) as multi-row VALUES: about 30× faster than
 * createMany through the driver adapters (0.75 s vs 25 ms per 1,000 rows on SQLite).
 * Give every column, ids and createdAt included (no defaults apply); Json columns as
 * JSON text, DateTime as Date, money as numbers.
 */
export async function insertRows(tx: DbTransaction, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const head = raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `);
  for (const c of chunks(rows, Math.min(1000, Math.floor(30_000 / columns.length)))) {
    await tx.$executeRaw(sql`${head}${join(c.map((r) => sql`(${join(columns.map((k) => r[k] ?? null))})`))}`);
  }
}

let lastMs = 0;
let seq = 0;

/**
 * A UUIDv7 (time first, then a per-millisecond counter), so rows written in one batch
 * with one createdAt still sort in the order they were made, as Prisma's uuid(7) do.
 */
export function orderedId(): string {
  const ms = Date.now();
  if (ms > lastMs) [lastMs, seq] = [ms, 0];
  else if (++seq > 0xfff) [lastMs, seq] = [lastMs + 1, 0];
  const ts = lastMs.toString(16).padStart(12, '0');
  const r = randomBytes(8);
  r[0] = (r[0]! & 0x3f) | 0x80;
  const hex = r.toString('hex');
  return `${ts.slice(0, 8)}-${ts.slice(8)}-7${seq.toString(16).padStart(3, '0')}-${hex.slice(0, 4)}-${hex.slice(4)}`;
}

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Writes new paid amounts and statuses; a row changed since it was read is a conflict.
 * The guard is a CASE behind `id IN (…)`, not 300 ORed conditions, so both databases
 * find the rows by the primary key (PostgreSQL scanned the table for the OR form).
 */
export async function writePaidAmounts(tx: DbTransaction, now: Date, updates: readonly PaidUpdate[]): Promise<void> {
  const parts = updates.flatMap((u) => u.parts);
  for (const c of chunks(parts, 500)) {
    await tx.$executeRaw(sql`UPDATE "InvoicePart" SET "paidMinor" = CASE "id" ${join(c.map((p) => sql`WHEN ${p.id} THEN CAST(${p.paidMinor} AS BIGINT)`), ' ')} END
      WHERE "id" IN (${join(c.map((p) => p.id))})`);
  }
  for (const c of chunks(updates, 300)) {
    const count = await tx.$executeRaw(sql`UPDATE "Invoice"
      SET "paidMinor" = CASE "id" ${join(c.map((u) => sql`WHEN ${u.invoiceId} THEN CAST(${u.paidMinor} AS BIGINT)`), ' ')} END,
          "status" = CASE "id" ${join(c.map((u) => sql`WHEN ${u.invoiceId} THEN ${u.status}`), ' ')} END,
          "updatedAt" = ${now}
      WHERE "id" IN (${join(c.map((u) => u.invoiceId))})
        AND CASE "id" ${join(c.map((u) => sql`WHEN ${u.invoiceId} THEN "status" = ${u.fromStatus} AND "paidMinor" = CAST(${Number(u.fromPaid)} AS BIGINT)`), ' ')} ELSE FALSE END`);
    if (count !== c.length) throw new InvoicingError('conflict', `${c.length - count} of the invoices changed while the payments were applied; run it again`);
  }
}

export async function knownEventIds(tx: DbTransaction, ids: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const c of chunks(ids, 1000)) {
    for (const e of await tx.domainEvent.findMany({ where: { eventId: { in: c } }, select: { eventId: true } })) known.add(e.eventId);
  }
  return known;
}

export interface InvoiceWithParts {
  id: string; tenantId: string; customerId: string; kind: string; number: string | null; currency: string; opportunityId: string | null;
  grossMinor: bigint; paidMinor: bigint; status: string; reminderCount: number;
  parts: { id: string; kind: string; amountMinor: bigint; paidMinor: bigint }[];
}

/** Invoices with their parts (prepayment first) in one SELECT per 500: findMany with include took 0.15 ms a row. */
export async function readInvoices(tx: DbTransaction, tenantId: string, ids: readonly string[]): Promise<InvoiceWithParts[]> {
  const out: InvoiceWithParts[] = [];
  for (const c of chunks(ids, 500)) {
    const rows = await tx.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT i."id", i."tenantId", i."customerId", i."kind", i."number", i."currency", i."opportunityId", i."grossMinor", i."paidMinor", i."status", i."reminderCount",
             p."id" AS "partId", p."kind" AS "partKind", p."amountMinor" AS "partAmount", p."paidMinor" AS "partPaid"
      FROM "Invoice" i LEFT JOIN "InvoicePart" p ON p."invoiceId" = i."id"
      WHERE i."tenantId" = ${tenantId} AND i."id" IN (${join(c)})
      ORDER BY i."id", p."kind"`);
    let last: InvoiceWithParts | undefined;
    for (const r of rows) {
      if (last?.id !== r.id) {
        last = {
          id: String(r.id), tenantId: String(r.tenantId), customerId: String(r.customerId), kind: String(r.kind), number: (r.number as string | null) ?? null,
          currency: String(r.currency), opportunityId: (r.opportunityId as string | null) ?? null, grossMinor: BigInt(r.grossMinor as number), paidMinor: BigInt(r.paidMinor as number),
          status: String(r.status), reminderCount: Number(r.reminderCount), parts: [],
        };
        out.push(last);
      }
      if (r.partId) last!.parts.push({ id: String(r.partId), kind: String(r.partKind), amountMinor: BigInt(r.partAmount as number), paidMinor: BigInt(r.partPaid as number) });
    }
  }
  return out;
}

/** Records events once each (as recordEvent does), in batches; known ids are skipped. */
export async function insertEvents(tx: DbTransaction, events: readonly RecflowEvent[]): Promise<void> {
  for (const c of chunks(events, 1000)) {
    const known = await knownEventIds(tx, c.map((e) => e.id));
    const now = new Date();
    await insertRows(tx, 'DomainEvent', c.filter((e) => !known.has(e.id)).map((e) => ({
      id: orderedId(), tenantId: e.tenantId, eventId: e.id, type: e.type, payload: JSON.stringify(e), occurredAt: new Date(e.occurredAt), attempts: 0, createdAt: now,
    })));
  }
}
