// /v1/recurring-invoices: start from an opportunity or an invoice, list, read (with the
// schedule's next run times), stop. Needs Temporal (registered when the app has runs).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { RecurringError } from '../recurring/errors.js';
import { getRecurring, listRecurring, startRecurring, stopRecurring, type RecurringContext } from '../recurring/service.js';
import { EVERY_MONTHS } from '../recurring/spec.js';
import { actorOf, tenantOf } from './auth.js';
import type { ApiDeps } from './deps.js';
import { HttpError, readBody } from './errors.js';
import type { RouteDoc } from './openapi.js';
import { readQuery } from './query.js';
import { date, errorSchema } from './schemas.js';
import type { RunDeps } from './runs.js';

const startBody = z
  .object({
    opportunityId: z.string().optional().describe('each period invoices the opportunity: its title and amount'),
    invoiceId: z.string().optional().describe('each period copies this issued invoice’s lines'),
    everyMonths: z.number().int().optional().describe(`1 (default), ${EVERY_MONTHS.slice(1).join(', ')}`),
    dayOfMonth: z.number().int().min(1).max(31).optional().describe('default: the start date’s day; 29–31 fall on the last day of shorter months'),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as 09:00').optional().describe('local time in the tenant’s time zone; default 09:00'),
    startDate: date.optional().describe('first possible due date; default today'),
  })
  .strict()
  .meta({ id: 'RecurringInvoiceStart' });
const listQuery = z.object({ status: z.enum(['active', 'stopped']).optional() }).strict();

export const recurringSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    customerId: z.string(),
    opportunityId: z.string().nullable(),
    templateInvoiceId: z.string().nullable(),
    everyMonths: z.number().int(),
    dayOfMonth: z.number().int(),
    at: z.string(),
    startDate: date,
    timeZone: z.string(),
    cadence: z.string(),
    status: z.enum(['active', 'stopped']),
    scheduleId: z.string(),
    issuedCount: z.number().int(),
    lastPeriod: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    stoppedAt: z.string().nullable(),
    stoppedBy: z.string().nullable(),
    nextRuns: z.array(z.string()).optional().describe('the next run times of its schedule (ISO); empty once stopped'),
  })
  .meta({ id: 'RecurringInvoice' });
const one = { description: 'The recurring invoice', schema: recurringSchema };

export const recurringDocs = [
  { method: 'post', path: '/v1/recurring-invoices', tag: 'recurring invoices', summary: 'Start a recurring invoice from an opportunity or an issued invoice', body: startBody, responses: { 201: one, 404: { description: 'No such opportunity or invoice for this tenant', schema: errorSchema } } },
  { method: 'get', path: '/v1/recurring-invoices', tag: 'recurring invoices', summary: 'List recurring invoices with their next run times', query: listQuery, responses: { 200: { description: 'Recurring invoices', schema: z.object({ items: z.array(recurringSchema) }) } } },
  { method: 'get', path: '/v1/recurring-invoices/:id', tag: 'recurring invoices', summary: 'Read a recurring invoice with its next run times', responses: { 200: one } },
  { method: 'post', path: '/v1/recurring-invoices/:id/stop', tag: 'recurring invoices', summary: 'Stop it: no further invoices (stopping twice is harmless)', responses: { 200: one } },
] as const satisfies readonly RouteDoc[];

const STATUS = { not_found: 404, invalid_input: 422, invalid_state: 422, conflict: 409 } as const;

export function recurringRoutes(deps: ApiDeps, runs: Pick<RunDeps, 'client' | 'taskQueue'>) {
  const app = new Hono();
  const ctx = (c: Context): RecurringContext => ({ db: deps.db, actor: actorOf(c), schedules: { client: runs.client, taskQueue: runs.taskQueue } });
  const ref = (c: Context) => ({ tenantId: tenantOf(c), id: c.req.param('id')! });

  app.post('/recurring-invoices', async (c) => {
    const body = await readBody(c, startBody);
    return c.json(await http(startRecurring(ctx(c), { ...body, tenantId: tenantOf(c), ifActive: 'conflict' })), 201);
  });
  app.get('/recurring-invoices', async (c) => c.json({ items: await http(listRecurring(ctx(c), { ...readQuery(c, listQuery), tenantId: tenantOf(c) })) }));
  app.get('/recurring-invoices/:id', async (c) => c.json(await http(getRecurring(ctx(c), ref(c)))));
  app.post('/recurring-invoices/:id/stop', async (c) => c.json(await http(stopRecurring(ctx(c), ref(c)))));
  return app;
}

async function http<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof RecurringError) throw new HttpError(STATUS[err.code], err.code, err.message);
    throw err;
  }
}
