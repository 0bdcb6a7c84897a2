import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { Hono } from 'hono';
import { z } from 'zod';
import { startRun } from '../engine/fire.js';
import type { RunListeners } from '../engine/listeners.js';
import type { ManualStart } from '../events/catalog.js';
import type { CompiledRule } from '../rules/snapshot.js';
import { approveUpdate, decisionsQuery, progressQuery } from '../../workflows/messages.js';
import { HttpError, readBody } from './errors.js';

/** What the run routes need besides the database: Temporal and the rules in force. */
export interface RunDeps {
  client: Client;
  taskQueue: string;
  /** Where a run that waits for events is written down before it starts (engine/listeners.ts). */
  listeners?: RunListeners;
  rules(): CompiledRule[];
  tenantId(): string;
  runUrl(workflowId: string): string;
  newId(): string;
  /** Finds the opportunity a manual run is about (tenant-scoped). */
  opportunity(id: string): Promise<{ id: string; customerId: string } | null>;
}

export const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  by: z.string().min(1),
  note: z.string().optional(),
  /** The sender's id for this decision; repeating it counts once. */
  id: z.string().min(1).max(200).optional(),
});
export const manualBody = z.strictObject({ opportunityId: z.string().min(1), by: z.string().min(1).default('api'), eventId: z.string().min(1).optional() });

/**
 * GET a run's progress, approve or reject its pending approval, start a manual rule.
 * Workflow ids contain slashes: clients URL-encode them (encodeURIComponent).
 */
export function runRoutes(deps: RunDeps) {
  const app = new Hono();

  app.get('/runs/:workflowId', async (c) => {
    const workflowId = c.req.param('workflowId');
    const handle = deps.client.workflow.getHandle(workflowId);
    const description = await handle.describe().catch(notFound(workflowId));
    if (description.memo?.tenantId !== deps.tenantId()) notFound(workflowId)(new WorkflowNotFoundError('other tenant', workflowId, undefined));
    const progress = await handle.query(progressQuery).catch(() => null);
    return c.json({ workflowId, status: description.status.name, progress, url: deps.runUrl(workflowId) });
  });

  app.post('/runs/:workflowId/approval', async (c) => {
    const workflowId = c.req.param('workflowId');
    const body = await readBody(c, decisionBody);
    const id = body.id ?? c.req.header('idempotency-key') ?? deps.newId();
    const { memo } = await deps.client.workflow.getHandle(workflowId).describe().catch(notFound(workflowId));
    if (memo?.tenantId !== deps.tenantId()) notFound(workflowId)(new WorkflowNotFoundError('other tenant', workflowId, undefined));
    try {
      const answer = await deps.client.workflow.getHandle(workflowId).executeUpdate(approveUpdate, { args: [{ ...body, id }] });
      return c.json({ ...answer, decision: body.decision, url: deps.runUrl(workflowId) });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw new HttpError(409, 'no_pending_approval', err.cause?.message ?? err.message);
      // The run ended meanwhile (often right after this very decision): a repeat of a
      // decision it took gets the same answer; anything else finds nothing to decide.
      const taken = await deps.client.workflow.getHandle(workflowId).query(decisionsQuery).catch(() => undefined);
      if (taken?.[id]) return c.json({ ...taken[id], decision: body.decision, url: deps.runUrl(workflowId) });
      if (taken) throw new HttpError(409, 'no_pending_approval', `run ${workflowId} has ended; it waits for no approval`);
      return notFound(workflowId)(err);
    }
  });

  app.post('/rules/:ruleId/runs', async (c) => {
    const body = await readBody(c, manualBody);
    const rule = deps.rules().find((r) => r.id === c.req.param('ruleId'));
    if (!rule) throw new HttpError(404, 'not_found', `no rule ${c.req.param('ruleId')} is in force`);
    if (rule.when.event !== 'manual') throw new HttpError(409, 'not_manual', `rule ${rule.id} fires on ${rule.when.event}; only rules with when: { event: manual } start by hand`);
    const opportunity = await deps.opportunity(body.opportunityId);
    if (!opportunity) throw new HttpError(404, 'not_found', `no opportunity ${body.opportunityId}`);
    const event: ManualStart = {
      type: 'manual',
      id: `${opportunity.id}:${body.eventId ?? deps.newId()}`,
      tenantId: deps.tenantId(),
      opportunityId: opportunity.id,
      customerId: opportunity.customerId,
      by: body.by,
      occurredAt: new Date().toISOString(),
    };
    const run = await startRun(deps.client, deps.taskQueue, rule, event, { listeners: deps.listeners });
    return c.json({ ...run, eventId: event.id, url: deps.runUrl(run.workflowId) }, run.started ? 201 : 200);
  });

  return app;
}

function notFound(workflowId: string) {
  return (err: unknown): never => {
    if (err instanceof WorkflowNotFoundError) throw new HttpError(404, 'not_found', `no run ${workflowId}`);
    throw err;
  };
}
