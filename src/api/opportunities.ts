import { Hono } from 'hono';
import { z } from 'zod';
import type { OpportunityStatusChanged } from '../events/catalog.js';
import { recordEvent } from '../events/outbox.js';
import { HttpError, readBody } from './errors.js';
import type { ApiDeps } from './deps.js';

export const opportunityCreateBody = z
  .object({
    externalId: z.string().min(1),
    customerId: z.string().min(1),
    title: z.string().min(1),
    pipeline: z.string().min(1).default('sales'),
    status: z.string().min(1).default('new'),
    amountMinor: z.number().int().nonnegative().default(0),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR').default('EUR'),
    customFields: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const opportunityStatusBody = z
  .object({
    status: z.string().min(1),
    /** The sender's id for this change; repeating it never starts a second run. */
    eventId: z.string().min(1).max(200).optional(),
  })
  .strict();

export function opportunityRoutes(deps: ApiDeps) {
  const app = new Hono();

  app.post('/', async (c) => {
    const body = await readBody(c, opportunityCreateBody);
    const tenantId = deps.tenantId();
    const customer = await deps.db.customer.findFirst({ where: { id: body.customerId, tenantId } });
    if (!customer) throw new HttpError(422, 'unknown_customer', `customerId: no customer ${body.customerId}`);
    const existing = await deps.db.opportunity.findFirst({ where: { tenantId, externalId: body.externalId } });
    if (existing) return c.json(existing, 200);
    // The card and its opportunity/created event commit together (the outbox); the
    // dispatcher fires rules from it.
    const created = await deps.db.$transaction(async (tx) => {
      const row = await tx.opportunity.create({ data: { ...body, tenantId, customFields: body.customFields as object } });
      await recordEvent(tx, {
        type: 'opportunity/created',
        id: `opportunity:${row.id}:created`,
        tenantId,
        customerId: row.customerId,
        opportunityId: row.id,
        occurredAt: row.createdAt.toISOString(),
      });
      return row;
    });
    return c.json(created, 201);
  });

  app.get('/:id', async (c) => {
    const opportunity = await deps.db.opportunity.findFirst({ where: { id: c.req.param('id'), tenantId: deps.tenantId() } });
    if (!opportunity) throw new HttpError(404, 'not_found', `no opportunity ${c.req.param('id')}`);
    return c.json(opportunity);
  });

  /** Changing the status is how a CRM fires rules. */
  app.post('/:id/status', async (c) => {
    const body = await readBody(c, opportunityStatusBody);
    const tenantId = deps.tenantId();
    const eventId = body.eventId ?? c.req.header('idempotency-key');
    const result = await deps.db.$transaction(async (tx) => {
      const opportunity = await tx.opportunity.findFirst({ where: { id: c.req.param('id'), tenantId } });
      if (!opportunity) throw new HttpError(404, 'not_found', `no opportunity ${c.req.param('id')}`);
      if (eventId) {
        const seen = await tx.opportunityEvent.findUnique({ where: { eventId: scoped(opportunity.id, eventId) } });
        if (seen) return { opportunity, event: eventFromRow(seen, tenantId, opportunity.customerId), changed: false };
      }
      if (opportunity.status === body.status) return { opportunity, event: undefined, changed: false };
      const row = await tx.opportunityEvent.create({
        data: {
          eventId: scoped(opportunity.id, eventId ?? deps.newId()),
          opportunityId: opportunity.id,
          fromStatus: opportunity.status,
          toStatus: body.status,
        },
      });
      const updated = await tx.opportunity.update({ where: { id: opportunity.id }, data: { status: body.status } });
      return { opportunity: updated, event: eventFromRow(row, tenantId, opportunity.customerId), changed: true };
    });
    // Started after the commit; a repeated event id re-fires and finds the same runs,
    // which also heals a crash between the commit and the start.
    const runs = result.event ? await deps.fire(result.event) : [];
    return c.json({
      opportunity: result.opportunity,
      changed: result.changed,
      eventId: result.event?.id ?? null,
      runs: runs.map((r) => ({ ...r, url: deps.runUrl(r.workflowId) })),
    });
  });

  return app;
}

/** Event ids are the sender's; scoping them by opportunity keeps senders apart. */
function scoped(opportunityId: string, eventId: string): string {
  return `${opportunityId}:${eventId}`;
}

function eventFromRow(
  row: { eventId: string; opportunityId: string; fromStatus: string | null; toStatus: string; createdAt: Date },
  tenantId: string,
  customerId: string,
): OpportunityStatusChanged {
  return {
    type: 'opportunity/status-changed',
    id: row.eventId,
    tenantId,
    opportunityId: row.opportunityId,
    customerId,
    from: row.fromStatus,
    to: row.toStatus,
    occurredAt: row.createdAt.toISOString(),
  };
}
