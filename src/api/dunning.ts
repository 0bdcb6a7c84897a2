// Dunning over HTTP: runs (preview answers at once; process starts the workflow),
// releasing or discarding draft letters, and dunning stops per invoice and customer.
import { Hono } from 'hono';
import { z } from 'zod';
import { createProcessRun, getRun, recordPreview, setDunningStop, type RunView } from '../dunning/index.js';
import { startDunningWorkflow } from '../dunning/start.js';
import { dunningProgressQuery } from '../../workflows/dunning.js';
import { actorOf, tenantOf } from './auth.js';
import type { ApiDeps } from './deps.js';
import { HttpError, readBody } from './errors.js';
import { businessOutcome } from './workflow-errors.js';
import type { RouteDoc } from './openapi.js';
import { date, errorSchema, minor } from './schemas.js';

const level = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const dunningRunBody = z
  .object({
    mode: z.enum(['preview', 'process']),
    branchId: z.string().optional(),
    customerId: z.string().optional(),
    level: level.optional().describe('1, 2 or 3; default every level'),
    delivery: z.enum(['send', 'draft']).optional().describe("default: the tenant's reminderDelivery"),
    date: date.optional().describe("the run date; default today in the tenant's time zone"),
  })
  .strict()
  .meta({ id: 'DunningRunRequest' });
const lettersBody = z.object({ action: z.enum(['approve', 'discard']), keys: z.array(z.string()).min(1).optional().describe("letter keys; default: the run's drafts") }).strict();
const stopBody = z.object({ reason: z.string().min(1).max(500) }).strict();

const runSchema = z
  .object({
    id: z.string(), mode: z.enum(['preview', 'process']), status: z.string(), runDate: date, branchId: z.string().nullable(), customerId: z.string().nullable(),
    level: z.number().int().nullable(), delivery: z.enum(['send', 'draft']), workflowId: z.string().nullable(), warning: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()), startedBy: z.string(), createdAt: z.string(), finishedAt: z.string().nullable(),
  })
  .meta({ id: 'DunningRun' });
const rowFields = {
  invoiceId: z.string(), number: z.string(), customerId: z.string(), customerName: z.string(), part: z.enum(['prepayment', 'remaining']), level,
  daysOverdue: z.number().int(), amountOpenMinor: minor, currency: z.string(), dueDate: date,
};
const previewSchema = z
  .object({
    runDate: date,
    warning: z.string().optional(),
    rows: z.array(z.object({ ...rowFields, feeMinor: minor, feeKind: z.enum(['reminder-fee', 'flat-fee']).optional(), interestMinor: minor, interestProblem: z.string().optional() })),
    held: z.array(z.object({ ...rowFields, why: z.string() })),
    problems: z.array(z.object({ invoiceId: z.string(), number: z.string(), part: z.string(), problem: z.string() })),
    customerIds: z.array(z.string()),
    totals: z.array(z.object({ currency: z.string(), openMinor: minor, feeMinor: minor, interestMinor: minor })),
  })
  .meta({ id: 'DunningPreview' });
const started = z.object({ run: runSchema, workflowId: z.string(), url: z.string() });
const stopSchema = z.object({ id: z.string(), dunningStop: z.string().nullable() });
const released = z.object({ results: z.array(z.object({ key: z.string(), status: z.string(), recorded: z.number().int() })) });

export const dunningDocs = [
  {
    method: 'post', path: '/v1/dunning-runs', tag: 'dunning',
    summary: 'A dunning run for the tenant or a branch, one customer or all, one level or all: preview (changes nothing) or process (starts the workflow)',
    body: dunningRunBody,
    responses: { 200: { description: 'Preview: what would be dunned, held and why, problems, the stale-statement warning', schema: z.object({ run: runSchema, preview: previewSchema }) }, 201: { description: 'Process: the run and its workflow', schema: started }, 404: { description: 'No such branch or customer', schema: errorSchema } },
  },
  { method: 'get', path: '/v1/dunning-runs/:id', tag: 'dunning', summary: 'A run: status, warning, summary (letters, sent, drafts) and live progress while it runs', responses: { 200: { description: 'The run', schema: z.object({ run: runSchema, progress: z.unknown().nullable(), url: z.string().nullable() }) } } },
  { method: 'post', path: '/v1/dunning-runs/:id/letters', tag: 'dunning', summary: "Approve (send, then record the reminders) or discard a run's draft letters", body: lettersBody, responses: { 200: { description: 'Outbox status per letter', schema: released } } },
  { method: 'put', path: '/v1/invoices/:id/dunning-stop', tag: 'dunning', summary: 'Stop dunning an invoice (disputed, instalments agreed)', body: stopBody, responses: { 200: { description: 'The stop', schema: stopSchema } } },
  { method: 'delete', path: '/v1/invoices/:id/dunning-stop', tag: 'dunning', summary: "Lift an invoice's dunning stop", responses: { 200: { description: 'No stop', schema: stopSchema } } },
  { method: 'put', path: '/v1/customers/:id/dunning-stop', tag: 'dunning', summary: 'Stop dunning every invoice of a customer', body: stopBody, responses: { 200: { description: 'The stop', schema: stopSchema } } },
  { method: 'delete', path: '/v1/customers/:id/dunning-stop', tag: 'dunning', summary: "Lift a customer's dunning stop", responses: { 200: { description: 'No stop', schema: stopSchema } } },
] as const satisfies readonly RouteDoc[];

export function dunningRoutes(deps: ApiDeps) {
  const app = new Hono();
  const ctxOf = (c: Parameters<typeof actorOf>[0]) => ({ db: deps.db, actor: actorOf(c) });

  app.post('/dunning-runs', async (c) => {
    const body = await readBody(c, dunningRunBody);
    const tenantId = tenantOf(c);
    const scope = { tenantId, ...body };
    if (body.mode === 'preview') return c.json(await recordPreview(ctxOf(c), scope), 200);
    const runs = deps.runs;
    if (!runs) throw new HttpError(422, 'no_temporal', 'processing needs the worker and Temporal; this API runs without them');
    const run = await createProcessRun(ctxOf(c), scope);
    const workflowId = await startDunningWorkflow(runs.client, runs.taskQueue, tenantId, run);
    return c.json({ run, workflowId, url: deps.runUrl(workflowId) }, 201);
  });

  app.get('/dunning-runs/:id', async (c) => {
    const run = await getRun(ctxOf(c), tenantOf(c), c.req.param('id'));
    let progress: unknown = null;
    if (run.workflowId && run.status === 'running' && deps.runs) progress = await deps.runs.client.workflow.getHandle(run.workflowId).query(dunningProgressQuery).catch(() => null);
    return c.json({ run, progress, url: run.workflowId ? deps.runUrl(run.workflowId) : null });
  });

  app.post('/dunning-runs/:id/letters', async (c) => {
    const body = await readBody(c, lettersBody);
    const tenantId = tenantOf(c);
    const run = await getRun(ctxOf(c), tenantId, c.req.param('id'));
    const keys = body.keys ?? draftKeys(run);
    if (keys.length === 0) throw new HttpError(422, 'no_drafts', `run ${run.id} has no draft letters${run.status === 'running' ? ' yet (it is still running)' : ''}`);
    const runs = deps.runs;
    if (!runs) throw new HttpError(422, 'no_temporal', 'sending needs the worker and Temporal; this API runs without them');
    const results = await businessOutcome(() =>
      runs.client.workflow.execute('dunningMail', {
        workflowId: `dunning/${run.id}/letters/${deps.newId()}`,
        taskQueue: runs.taskQueue,
        args: [{ tenantId, runId: run.id, keys, action: body.action }],
        memo: { tenantId },
      }),
    );
    return c.json({ results });
  });

  for (const kind of ['invoice', 'customer'] as const) {
    const path = `/${kind}s/:id/dunning-stop`;
    app.put(path, async (c) => {
      const { reason } = await readBody(c, stopBody);
      return c.json(await setDunningStop(ctxOf(c), { kind, tenantId: tenantOf(c), id: c.req.param('id')! }, reason));
    });
    app.delete(path, async (c) => c.json(await setDunningStop(ctxOf(c), { kind, tenantId: tenantOf(c), id: c.req.param('id')! }, null)));
  }
  return app;
}

function draftKeys(run: RunView): string[] {
  const letters = (run.summary.letterList ?? []) as { key: string; status: string }[];
  return letters.filter((l) => l.status === 'draft').map((l) => l.key);
}
