// The tenant's outbox over HTTP: what mail went out, and the drafts held for approval
// (rule mail in draft mode), approved (sent once) or discarded (never sent).
import { Hono } from 'hono';
import { z } from 'zod';
import type { EmailMessage } from '../generated/sqlite/client/client.js';
import { tenantOf } from './auth.js';
import type { ApiDeps } from './deps.js';
import { HttpError } from './errors.js';
import type { RouteDoc } from './openapi.js';
import { readQuery } from './query.js';
import { businessOutcome } from './workflow-errors.js';

const STATUSES = ['draft', 'approved', 'sending', 'sent', 'failed', 'discarded'] as const;
const listQuery = z.object({ status: z.enum(STATUSES).optional() }).strict();
export const messageSchema = z
  .object({
    id: z.string(),
    key: z.string().describe('business key: the same key is the same mail, sent at most once'),
    messageId: z.string(),
    to: z.array(z.string()),
    subject: z.string(),
    status: z.enum(STATUSES),
    attachments: z.array(z.string()),
    error: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'Message' });

export const messageDocs = [
  { method: 'get', path: '/v1/messages', tag: 'messages', summary: "The tenant's mail, newest first; ?status=draft lists what waits for approval", query: listQuery, responses: { 200: { description: 'Messages', schema: z.object({ items: z.array(messageSchema) }) } } },
  { method: 'post', path: '/v1/messages/:id/approve', tag: 'messages', summary: 'Send a held mail now (once; approving a sent mail changes nothing)', responses: { 200: { description: 'Its outbox status', schema: messageSchema } } },
  { method: 'post', path: '/v1/messages/:id/discard', tag: 'messages', summary: 'Drop a held mail for good', responses: { 200: { description: 'Its outbox status', schema: messageSchema } } },
] as const satisfies readonly RouteDoc[];

const view = (m: EmailMessage) => ({
  id: m.id, key: m.key, messageId: m.messageId, to: m.to.split(', ').filter(Boolean), subject: m.subject,
  status: m.status as (typeof STATUSES)[number], attachments: m.attachments as string[], error: m.error,
  createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null,
});

export function messageRoutes(deps: ApiDeps) {
  const app = new Hono();
  const { db } = deps;
  const find = async (tenantId: string, id: string) => {
    const row = await db.emailMessage.findFirst({ where: { id, tenantId } });
    if (!row) throw new HttpError(404, 'not_found', `no message ${id}`);
    return row;
  };
  app.get('/messages', async (c) => {
    const q = readQuery(c, listQuery);
    const rows = await db.emailMessage.findMany({ where: { tenantId: tenantOf(c), ...(q.status ? { status: q.status } : {}) }, orderBy: { createdAt: 'desc' }, take: 500 });
    return c.json({ items: rows.map(view) });
  });
  for (const action of ['approve', 'discard'] as const) {
    app.post(`/messages/:id/${action}`, async (c) => {
      const tenantId = tenantOf(c);
      const row = await find(tenantId, c.req.param('id')!);
      const runs = deps.runs;
      if (!runs) throw new HttpError(422, 'no_temporal', 'sending needs the worker and Temporal; this API runs without them');
      await businessOutcome(() =>
        runs.client.workflow.execute('releaseHeldMail', {
          workflowId: `outbox/${row.id}/${action}/${deps.newId()}`,
          taskQueue: runs.taskQueue,
          args: [{ tenantId, key: row.key, action }],
          memo: { tenantId },
        }),
      );
      return c.json(view(await find(tenantId, row.id)));
    });
  }
  return app;
}
