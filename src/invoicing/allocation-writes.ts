// Batched writes for allocations: one UPDATE per 500 invoices (CASE per id) instead of
// one per row, because an interactive transaction pays a round trip per statement and a
// 100k-line statement would otherwise spend minutes there. Plain SQL both SQLite and
// PostgreSQL run: CASE, CAST(… AS BIGINT), quoted Prisma table names.
import { join, sqltag as sql } from '@prisma/client/runtime/client';
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

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Writes new paid amounts and statuses; a row changed since it was read is a conflict. */
export async function writePaidAmounts(tx: DbTransaction, now: Date, updates: readonly PaidUpdate[]): Promise<void> {
  const parts = updates.flatMap((u) => u.parts);
  for (const c of chunks(parts, 500)) {
    await tx.$executeRaw(sql`UPDATE "InvoicePart" SET "paidMinor" = CASE "id" ${join(c.map((p) => sql`WHEN ${p.id} THEN CAST(${p.paidMinor} AS BIGINT)`), ' ')} END
      WHERE "id" IN (${join(c.map((p) => p.id))})`);
  }
  for (const c of chunks(updates, 300)) {
    const count = await tx.$executeRaw(sql`UPDATE "Invoice"
      SET "paidMinor" = CASE "id" ${join(c.map((u) => sql`WHEN ${u.invoiceId} THEN CAST(${u.paidMinor} AS BIGINT)`), ' ')} END,
          "status" = CASE "id" ${join(c.map((u) => sql`WHEN ${u.invoiceId} THEN ${u.status}`), ' ')} END
      WHERE ${join(c.map((u) => sql`("id" = ${u.invoiceId} AND "status" = ${u.fromStatus} AND "paidMinor" = CAST(${Number(u.fromPaid)} AS BIGINT))`), ' OR ')}`);
    if (count !== c.length) throw new InvoicingError('conflict', `${c.length - count} of the invoices changed while the payments were applied; run it again`);
    // updatedAt through Prisma, which knows how each provider stores a DateTime.
    await tx.invoice.updateMany({ where: { id: { in: c.map((u) => u.invoiceId) } }, data: { updatedAt: now } });
  }
}

export async function knownEventIds(tx: DbTransaction, ids: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const c of chunks(ids, 1000)) {
    for (const e of await tx.domainEvent.findMany({ where: { eventId: { in: c } }, select: { eventId: true } })) known.add(e.eventId);
  }
  return known;
}

/** Records events once each (as recordEvent does), in batches; known ids are skipped. */
export async function insertEvents(tx: DbTransaction, events: readonly RecflowEvent[]): Promise<void> {
  for (const c of chunks(events, 1000)) {
    const known = await knownEventIds(tx, c.map((e) => e.id));
    const data = c.filter((e) => !known.has(e.id)).map((e) => ({
      tenantId: e.tenantId, eventId: e.id, type: e.type, payload: JSON.parse(JSON.stringify(e)), occurredAt: new Date(e.occurredAt),
    }));
    if (data.length > 0) await tx.domainEvent.createMany({ data });
  }
}
