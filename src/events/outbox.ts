// The transactional outbox for domain events: a service writes the event in the same
// transaction as the change it reports, so an event is never lost and never invented by
// a rolled-back change. The engine's dispatcher fires rules from the table.
import type { DbTransaction } from '../platform/db.js';
import type { RecflowEvent } from './catalog.js';

/**
 * Records an event once: a second call with the same event id (a retried activity, a
 * repeated import) changes nothing and returns false.
 * @example await recordEvent(tx, { type: 'invoice/issued', id: `invoice:${id}:issued`, ... })
 */
export async function recordEvent(tx: DbTransaction, event: RecflowEvent): Promise<boolean> {
  const known = await tx.domainEvent.findUnique({ where: { eventId: event.id }, select: { id: true } });
  if (known) return false;
  await tx.domainEvent.create({
    data: {
      tenantId: event.tenantId,
      eventId: event.id,
      type: event.type,
      payload: JSON.parse(JSON.stringify(event)),
      occurredAt: new Date(event.occurredAt),
    },
  });
  return true;
}
