import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { INVOICE_STATUSES } from '../domain/invoice-status.js';
import { INVOICE_KINDS } from '../domain/numbering.js';
import * as invoicing from '../invoicing/index.js';
import { invoicePdf } from '../invoicing/pdf.js';
import { actorOf, tenantOf } from './auth.js';
import type { ApiDeps } from './deps.js';
import { readBody } from './errors.js';
import type { RouteDoc } from './openapi.js';
import { readQuery } from './query.js';
import { bp, currency, date, errorSchema, invoiceSchema, lineInput, prepaymentInput } from './schemas.js';

const createBody = z
  .object({
    customerId: z.string(),
    kind: z.enum(['proforma', 'final']),
    lines: z.array(lineInput).min(1),
    currency: currency.optional(),
    language: z.string().min(2).optional(),
    series: z.string().optional(),
    dueDate: date.optional(),
    prepayment: prepaymentInput.optional(),
    notes: z.string().optional(),
    opportunityId: z.string().optional(),
    sourceKey: z.string().max(200).optional().describe('your key for this invoice; creating twice with it returns the first'),
  })
  .strict()
  .meta({ id: 'InvoiceCreate' });
const updateBody = z.object({ lines: z.array(lineInput).min(1).optional(), dueDate: date.optional(), prepayment: prepaymentInput.nullable().optional(), notes: z.string().nullable().optional() }).strict().meta({ id: 'InvoiceUpdate' });
const fromOpportunity = z.object({ opportunityId: z.string(), taxRateBp: bp.optional(), dueDate: date.optional(), prepayment: prepaymentInput.optional(), issue: z.boolean().optional() }).strict();
const cancelBody = z.object({ reason: z.string().max(500).optional() }).strict();
const paymentBody = z.object({ amountMinor: z.number().int().positive().optional().describe('default: the open amount (mark paid)'), paidOn: date.optional(), reference: z.string().max(200).optional() }).strict();
const finalBody = z.object({ dueDate: date.optional(), issue: z.boolean().optional() }).strict();
const creditBody = z.object({ lines: z.array(lineInput).min(1).optional().describe('what is credited, positive quantities; default: everything'), notes: z.string().optional(), issue: z.boolean().optional() }).strict();
const listQuery = z
  .object({
    kind: z.enum(INVOICE_KINDS).optional(),
    status: z.enum(INVOICE_STATUSES).optional(),
    customerId: z.string().optional(),
    payment: z.enum(['paid', 'unpaid']).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    from: date.optional().describe('issue date from (inclusive)'),
    to: date.optional().describe('issue date to (inclusive)'),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    offset: z.coerce.number().int().min(0).optional(),
  })
  .strict();
const one = { description: 'The invoice', schema: invoiceSchema };
const cancelled = z.object({ invoice: invoiceSchema, storno: invoiceSchema.nullable() });

export const invoiceDocs = [
  { method: 'post', path: '/v1/invoices', tag: 'invoices', summary: 'Create a draft invoice or proforma', body: createBody, responses: { 201: one } },
  { method: 'get', path: '/v1/invoices', tag: 'invoices', summary: 'List invoices: kind, status, customer, paid/unpaid, overdue, issue-date period', query: listQuery, responses: { 200: { description: 'Invoices', schema: z.object({ items: z.array(invoiceSchema) }) } } },
  { method: 'get', path: '/v1/invoices/:id', tag: 'invoices', summary: 'Read an invoice', responses: { 200: one } },
  { method: 'get', path: '/v1/invoices/:id/pdf', tag: 'invoices', summary: 'The PDF of an issued invoice', responses: { 200: { description: 'The PDF', contentType: 'application/pdf' }, 422: { description: 'A draft has no PDF yet', schema: errorSchema } } },
  { method: 'patch', path: '/v1/invoices/:id', tag: 'invoices', summary: 'Edit a draft (issued invoices cannot be edited)', body: updateBody, responses: { 200: one } },
  { method: 'post', path: '/v1/invoices/from-opportunity', tag: 'invoices', summary: 'Proforma for an opportunity (one per opportunity)', body: fromOpportunity, responses: { 200: one } },
  { method: 'post', path: '/v1/invoices/:id/issue', tag: 'invoices', summary: 'Issue: number it (gapless per series and year) and freeze it', responses: { 200: one } },
  { method: 'post', path: '/v1/invoices/:id/release', tag: 'invoices', summary: 'Release an invoice awaiting manual dispatch', responses: { 200: one } },
  { method: 'post', path: '/v1/invoices/:id/cancel', tag: 'invoices', summary: 'Cancel; an issued invoice keeps its number and gets a storno', body: cancelBody, responses: { 200: { description: 'Cancelled invoice and its storno', schema: cancelled } } },
  { method: 'post', path: '/v1/invoices/:id/payments', tag: 'invoices', summary: 'Record a payment; without an amount: mark paid', body: paymentBody, responses: { 200: one } },
  { method: 'post', path: '/v1/invoices/:id/final', tag: 'invoices', summary: 'Final invoice from a proforma (one per proforma)', body: finalBody, responses: { 200: one } },
  { method: 'post', path: '/v1/invoices/:id/credit-note', tag: 'invoices', summary: 'Credit note for a final invoice', body: creditBody, responses: { 201: one } },
] as const satisfies readonly RouteDoc[];

/** POST bodies that may be left out entirely. */
async function optionalBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  if (!(await c.req.text()).trim()) return schema.parse({});
  return readBody(c, schema);
}

export function invoiceRoutes(deps: ApiDeps) {
  const app = new Hono();
  const ctx = (c: Context): invoicing.InvoicingContext => ({ db: deps.db, actor: actorOf(c) });
  const ref = (c: Context) => ({ tenantId: tenantOf(c), invoiceId: c.req.param('id')! });

  app.post('/invoices', async (c) => {
    const body = await readBody(c, createBody);
    return c.json(await invoicing.createDraft(ctx(c), { ...body, tenantId: tenantOf(c) } as invoicing.DraftInput), 201);
  });
  app.get('/invoices', async (c) => {
    const { overdue, ...q } = readQuery(c, listQuery);
    return c.json({ items: await invoicing.listInvoices(ctx(c), { ...q, overdue: overdue === 'true', tenantId: tenantOf(c) } as invoicing.InvoiceFilter) });
  });
  app.post('/invoices/from-opportunity', async (c) => {
    const body = await readBody(c, fromOpportunity);
    return c.json(await invoicing.proformaFromOpportunity(ctx(c), { ...body, tenantId: tenantOf(c) } as Parameters<typeof invoicing.proformaFromOpportunity>[1]));
  });
  app.get('/invoices/:id', async (c) => c.json(await invoicing.getInvoice(ctx(c), ref(c))));
  app.get('/invoices/:id/pdf', async (c) => {
    const { invoice, pdf } = await invoicePdf(ctx(c), ref(c));
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${invoice.number}.pdf"` });
  });
  app.patch('/invoices/:id', async (c) => c.json(await invoicing.updateDraft(ctx(c), ref(c), (await readBody(c, updateBody)) as invoicing.DraftChanges)));
  app.post('/invoices/:id/issue', async (c) => c.json(await invoicing.issueInvoice(ctx(c), ref(c))));
  app.post('/invoices/:id/release', async (c) => c.json(await invoicing.releaseInvoice(ctx(c), ref(c))));
  app.post('/invoices/:id/cancel', async (c) => c.json(await invoicing.cancelInvoice(ctx(c), { ...ref(c), ...(await optionalBody(c, cancelBody)) })));
  app.post('/invoices/:id/payments', async (c) => c.json(await invoicing.recordPayment(ctx(c), { ...ref(c), ...(await optionalBody(c, paymentBody)) })));
  app.post('/invoices/:id/final', async (c) => {
    const body = await optionalBody(c, finalBody);
    return c.json(await invoicing.finalFromProforma(ctx(c), { ...body, tenantId: tenantOf(c), proformaId: c.req.param('id') }));
  });
  app.post('/invoices/:id/credit-note', async (c) => {
    const body = await optionalBody(c, creditBody);
    return c.json(await invoicing.creditNote(ctx(c), { ...ref(c), ...body } as Parameters<typeof invoicing.creditNote>[1]), 201);
  });
  return app;
}
