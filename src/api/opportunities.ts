import { Hono } from 'hono';
import { z } from 'zod';
import type { OpportunityStatusChanged } from '../events/catalog.js';
import { recordEvent } from '../events/outbox.js';
import { actorOf } from './auth.js';
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

/**
 * PATCH: the card's data. The status is not among it: a status change goes through
 * POST /:id/status, the one path that records the change and fires rules, so a CRM
 * cannot change a status without the rules hearing of it.
 */
export const opportunityUpdateBody = z
  .object({
    title: z.string().min(1).optional(),
    pipeline: z.string().min(1).optional(),
    // The column is a 32-bit integer on PostgreSQL.
    amountMinor: z.number().int().nonnegative().max(2_147_483_647).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR').optional(),
    customFields: z.record(z.string(), z.unknown()).optional().describe('merged into the fields the card has; null removes a field'),
    status: z.never({ error: 'change the status with POST /v1/opportunities/{id}/status: that is what fires the rules' }).optional(),
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

  app.patch('/:id', async (c) => {
    const body = await readBody(c, opportunityUpdateBody);
    const tenantId = deps.tenantId();
    const updated = await deps.db.$transaction(async (tx) => {
      const opportunity = await tx.opportunity.findFirst({ where: { id: c.req.param('id'), tenantId } });
      if (!opportunity) throw new HttpError(404, 'not_found', `no opportunity ${c.req.param('id')}`);
      const { customFields, status: _status, ...fields } = body;
      const merged = customFields && mergeFields(opportunity.customFields, customFields);
      const row = await tx.opportunity.update({ where: { id: opportunity.id }, data: { ...fields, ...(merged ? { customFields: merged as object } : {}) } });
      await tx.auditEvent.create({ data: { tenantId, entity: 'opportunity', entityId: opportunity.id, action: 'updated', actor: actorOf(c), data: { fields: Object.keys(body) } } });
      return row;
    });
    return c.json(updated);
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
    const runs = result.event ? await deps.fire(result.event, { firstTime: result.changed }) : [];
    return c.json({
      opportunity: result.opportunity,
      changed: result.changed,
      eventId: result.event?.id ?? null,
      runs: runs.map((r) => ({ ...r, url: deps.runUrl(r.workflowId) })),
    });
  });

  return app;
}

/** Custom fields after a PATCH: given keys replace, null removes, the rest stay. */
function mergeFields(current: unknown, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(current && typeof current === 'object' && !Array.isArray(current) ? (current as Record<string, unknown>) : {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
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
