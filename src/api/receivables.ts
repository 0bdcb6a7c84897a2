import { Hono } from 'hono';
import { z } from 'zod';
import { exportZip, invoicesCsv, invoicesOfPeriod } from '../invoicing/export.js';
import { defaultPdfRenderer } from '../invoicing/pdf.js';
import { financialPicture } from '../invoicing/index.js';
import { actorOf, tenantOf } from './auth.js';
import type { ApiDeps } from './deps.js';
import { HttpError } from './errors.js';
import type { RouteDoc } from './openapi.js';
import { readQuery } from './query.js';
import { currency, date, invoiceSchema, minor } from './schemas.js';

const period = z.object({ from: date, to: date }).strict();
const exportQuery = z.object({ from: date, to: date, format: z.enum(['zip', 'csv']).default('zip') }).strict();

const currencyPicture = z.object({
  currency,
  turnoverNetMinor: minor,
  invoicedGrossMinor: minor,
  creditedGrossMinor: minor,
  paymentsMinor: minor,
  openMinor: minor,
  overdueMinor: minor,
  openProformasMinor: minor,
  creditMinor: minor.describe('Overpayments kept as customer credit and not reversed'),
});
const pictureSchema = z
  .object({
    customerId: z.string(),
    period: z.object({ from: date, to: date }),
    currencies: z.array(currencyPicture),
    creditLimit: z.object({ currency, limitMinor: minor.nullable(), usedMinor: minor, usedBp: z.number().int().nullable() }),
    invoices: z.array(invoiceSchema),
    creditNotes: z.array(invoiceSchema),
    payments: z.array(z.object({ id: z.string(), invoiceId: z.string().nullable(), amountMinor: minor, currency, paidOn: date, reference: z.string().nullable() })),
  })
  .meta({ id: 'FinancialPicture' });

export const receivablesDocs = [
  {
    method: 'get',
    path: '/v1/customers/:id/financial-picture',
    tag: 'customers',
    summary: 'Invoices, payments and credit notes of a period; open and overdue amounts and credit-limit use now; per currency',
    query: period,
    responses: { 200: { description: 'The picture', schema: pictureSchema } },
  },
  {
    method: 'get',
    path: '/v1/exports/invoices',
    tag: 'exports',
    summary: "Accountant's export of a period (by issue date): ZIP of invoices.csv and the PDFs, or the CSV alone",
    query: exportQuery,
    responses: { 200: { description: 'application/zip or text/csv', contentType: 'application/zip' } },
  },
] as const satisfies readonly RouteDoc[];

export function receivableRoutes(deps: ApiDeps) {
  const app = new Hono();
  app.get('/customers/:id/financial-picture', async (c) => {
    const q = readQuery(c, period);
    if (q.from > q.to) throw new HttpError(400, 'invalid_request', `from: ${q.from} is after to ${q.to}`);
    return c.json(await financialPicture({ db: deps.db, actor: actorOf(c) }, { ...q, tenantId: tenantOf(c), customerId: c.req.param('id') }));
  });
  app.get('/exports/invoices', async (c) => {
    const q = readQuery(c, exportQuery);
    const ctx = { db: deps.db, actor: actorOf(c) };
    const name = `invoices-${q.from}-${q.to}`;
    if (q.format === 'csv') {
      const csv = invoicesCsv(await invoicesOfPeriod(ctx, { ...q, tenantId: tenantOf(c) }));
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` });
    }
    const out = await exportZip(ctx, { ...q, tenantId: tenantOf(c), renderPdf: defaultPdfRenderer });
    return c.body(new Uint8Array(out.zip), 200, { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${name}.zip"`, 'x-invoice-count': String(out.count), 'x-pdf-count': String(out.pdfs) });
  });
  return app;
}
