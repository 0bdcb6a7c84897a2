// Reports over HTTP: the aging report of open receivables (seed 002), JSON or CSV.
import { Hono } from 'hono';
import { z } from 'zod';
import { agingOf } from '../dunning/aging.js';
import { renderAgingCsv } from '../receivables/aging/render.js';
import { actorOf, tenantOf } from './auth.js';
import type { ApiDeps } from './deps.js';
import type { RouteDoc } from './openapi.js';
import { readQuery } from './query.js';
import { date, minor } from './schemas.js';

const agingQuery = z.object({ format: z.enum(['json', 'csv']).default('json'), date: date.optional().describe("as of; default today in the tenant's time zone") }).strict();
const buckets = z.object({ notDue: minor, days1to30: minor, days31to60: minor, days61to90: minor, over90: minor });
const line = { currency: z.string(), buckets, totalMinor: minor, items: z.number().int() };
const agingSchema = z
  .object({ asOf: date, customers: z.array(z.object({ customerId: z.string(), customerName: z.string().optional(), ...line })), totals: z.array(z.object(line)) })
  .meta({ id: 'AgingReport' });

export const reportDocs = [
  {
    method: 'get', path: '/v1/reports/aging', tag: 'reports',
    summary: 'Aging of open receivables (not due, 1–30, 31–60, 61–90, over 90 days) per customer and in total, per currency; JSON (minor units) or CSV (decimals)',
    query: agingQuery,
    responses: { 200: { description: 'The report (text/csv with format=csv)', schema: agingSchema } },
  },
] as const satisfies readonly RouteDoc[];

export function reportRoutes(deps: ApiDeps) {
  const app = new Hono();
  app.get('/reports/aging', async (c) => {
    const q = readQuery(c, agingQuery);
    const report = await agingOf({ db: deps.db, actor: actorOf(c) }, { tenantId: tenantOf(c), ...(q.date && { date: q.date }) });
    if (q.format === 'csv') return c.body(renderAgingCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="aging-${report.asOf}.csv"` });
    return c.json(report);
  });
  return app;
}
