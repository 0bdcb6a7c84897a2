// Bank payments over HTTP: statement imports, the review list, corrections, and the CSV
// mapping templates (the same YAML files the CLI uses, <dataDir>/mappings/<tenant>/).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { loadConfig } from '../platform/config.js';
import { InvoicingError } from '../invoicing/context.js';
import {
  allocateTransaction, FORMATS, getImport, ignoreTransaction, importStatement, listTransactions, OUTCOMES, StatementError, undoAllocation,
} from '../payments/index.js';
import { deleteTemplate, listTemplates, mappingsDir, readTemplate, writeTemplate } from '../payments/templates.js';
import { csvTemplateSchema } from '../receivables/index.js';
import { actorOf, tenantOf } from './auth.js';
import type { ApiDeps } from './deps.js';
import { HttpError, readBody } from './errors.js';
import type { RouteDoc } from './openapi.js';
import { readQuery } from './query.js';
import { currency, date, minor } from './schemas.js';

const page = { limit: z.coerce.number().int().min(1).max(10_000).optional(), offset: z.coerce.number().int().min(0).optional() };
const importQuery = z.object({ format: z.enum(FORMATS).optional(), template: z.string().optional(), fileName: z.string().optional() }).strict();
const importReadQuery = z.object(page).strict();
const transactionQuery = z.object({ outcome: z.enum(OUTCOMES).optional(), importId: z.string().optional(), ...page }).strict();
const allocateBody = z.object({ invoiceId: z.string().min(1).describe('the invoice id or its number, e.g. INV-2026-0001'), amountMinor: minor.positive().optional() }).strict();
const ignoreBody = z.object({ reason: z.string().max(500).optional() }).strict();

const allocation = z.object({ paymentId: z.string(), invoiceId: z.string().nullable(), number: z.string().nullable(), part: z.string().nullable(), amountMinor: minor, source: z.string(), reversedAt: z.string().nullable() });
const transaction = z
  .object({
    id: z.string(), importId: z.string(), line: z.number().int(), bookingDate: date, amountMinor: minor, currency,
    payerName: z.string().nullable(), payerIban: z.string().nullable(), reference: z.string().nullable(),
    outcome: z.enum(OUTCOMES), reason: z.string().nullable(), customerId: z.string().nullable(), creditMinor: minor, unallocatedMinor: minor,
    allocations: z.array(allocation),
  })
  .meta({ id: 'BankTransaction' });
const counts = z.object({ lines: z.number().int(), matched: z.number().int(), split: z.number().int(), partial: z.number().int(), overpaid: z.number().int(), review: z.number().int(), ignored: z.number().int(), duplicate: z.number().int() });
const paymentImport = z
  .object({
    id: z.string(), fileName: z.string(), format: z.string(), template: z.string().nullable(), statementDate: date.nullable(), lines: z.number().int(),
    summary: counts, duplicateLines: z.array(z.number().int()), importedBy: z.string(), createdAt: z.string(),
    transactions: z.array(transaction).describe('Per-line outcomes in file order (limit/offset page them; duplicates are listed in duplicateLines)'),
  })
  .meta({ id: 'PaymentImport' });
const undone = z.object({ paymentId: z.string(), invoiceId: z.string(), invoiceStatus: z.string(), invoicePaidMinor: minor, transaction: transaction.nullable() });
const templateOut = z.object({ name: z.string(), file: z.string(), yaml: z.string(), template: z.record(z.string(), z.unknown()) }).meta({ id: 'MappingTemplate' });

export const paymentDocs = [
  {
    method: 'post', path: '/v1/payment-imports', tag: 'payments',
    summary: 'Import a bank statement (raw file body, or multipart field "file"): camt.053/054, MT940, or CSV with ?template=; matched and allocated as a whole or not at all',
    query: importQuery,
    responses: { 201: { description: 'Imported: counts per outcome and the first 1,000 lines', schema: paymentImport } },
  },
  { method: 'get', path: '/v1/payment-imports/:id', tag: 'payments', summary: 'An import at a glance (matched, split, partial, overpaid, to review, duplicate, ignored) with its per-line outcomes', query: importReadQuery, responses: { 200: { description: 'The import', schema: paymentImport } } },
  { method: 'get', path: '/v1/bank-transactions', tag: 'payments', summary: 'Bank transactions, e.g. ?outcome=review for the review list', query: transactionQuery, responses: { 200: { description: 'Transactions in file order', schema: z.array(transaction) } } },
  { method: 'post', path: '/v1/allocations/:paymentId/undo', tag: 'payments', summary: 'Undo one allocation; the invoice is recomputed, the amount returns to its transaction (review); the others stay', responses: { 200: { description: 'Undone', schema: undone } } },
  { method: 'post', path: '/v1/bank-transactions/:id/allocate', tag: 'payments', summary: 'Allocate a transaction (or its unallocated rest) to an invoice; the payer IBAN is remembered for that customer', body: allocateBody, responses: { 200: { description: 'The transaction', schema: transaction } } },
  { method: 'post', path: '/v1/bank-transactions/:id/ignore', tag: 'payments', summary: 'Mark a transaction ignored (not a customer payment)', body: ignoreBody, responses: { 200: { description: 'The transaction', schema: transaction } } },
  { method: 'get', path: '/v1/payment-mapping-templates', tag: 'payments', summary: 'Names of the CSV mapping templates', responses: { 200: { description: 'Names', schema: z.array(z.string()) } } },
  { method: 'get', path: '/v1/payment-mapping-templates/:name', tag: 'payments', summary: 'A CSV mapping template: its YAML and its parsed settings', responses: { 200: { description: 'The template', schema: templateOut } } },
  {
    method: 'put', path: '/v1/payment-mapping-templates/:name', tag: 'payments',
    summary: 'Create or replace a CSV mapping template: JSON settings, or YAML text (content-type application/yaml), checked against the template schema',
    body: csvTemplateSchema,
    responses: { 200: { description: 'Saved', schema: templateOut } },
  },
  { method: 'delete', path: '/v1/payment-mapping-templates/:name', tag: 'payments', summary: 'Delete a CSV mapping template', responses: { 200: { description: 'Deleted', schema: z.object({ deleted: z.string() }) } } },
] as const satisfies readonly RouteDoc[];

export function paymentRoutes(deps: ApiDeps) {
  const app = new Hono();
  const ctx = (c: Context) => ({ db: deps.db, actor: actorOf(c) });
  const templatesDir = async (c: Context) => {
    const tenant = await deps.db.tenant.findUniqueOrThrow({ where: { id: tenantOf(c) }, select: { slug: true } });
    return mappingsDir(deps.dataDir ?? loadConfig().dataDir, tenant.slug);
  };
  const withLines = async (c: Context, importId: string, q: { limit?: number; offset?: number }) => ({
    ...(await getImport(ctx(c), { tenantId: tenantOf(c), importId })),
    transactions: await listTransactions(ctx(c), { tenantId: tenantOf(c), importId, limit: q.limit ?? 1000, offset: q.offset ?? 0 }),
  });

  app.post('/payment-imports', async (c) => {
    const q = readQuery(c, importQuery);
    const { bytes, fileName } = await readFile(c, q.fileName);
    let template;
    if (q.template) {
      try {
        template = (await readTemplate(await templatesDir(c), q.template)).template;
      } catch (e) {
        throw e instanceof InvoicingError ? new HttpError(422, 'invalid_template', e.message) : e;
      }
    }
    try {
      const imp = await importStatement(ctx(c), { tenantId: tenantOf(c), bytes, fileName, ...(q.format && { format: q.format }), ...(template && { template }) });
      return c.json(await withLines(c, imp.id, {}), 201);
    } catch (e) {
      if (e instanceof StatementError) throw new HttpError(422, 'invalid_statement', e.message, { errors: e.errors });
      throw e;
    }
  });
  app.get('/payment-imports/:id', async (c) => c.json(await withLines(c, c.req.param('id'), readQuery(c, importReadQuery))));
  app.get('/bank-transactions', async (c) => c.json(await listTransactions(ctx(c), { tenantId: tenantOf(c), ...readQuery(c, transactionQuery) })));
  app.post('/allocations/:paymentId/undo', async (c) => c.json(await undoAllocation(ctx(c), { tenantId: tenantOf(c), paymentId: c.req.param('paymentId') })));
  app.post('/bank-transactions/:id/allocate', async (c) => {
    const body = await readBody(c, allocateBody);
    return c.json(await allocateTransaction(ctx(c), { tenantId: tenantOf(c), transactionId: c.req.param('id'), invoice: body.invoiceId, ...(body.amountMinor !== undefined && { amountMinor: body.amountMinor }) }));
  });
  app.post('/bank-transactions/:id/ignore', async (c) => {
    const body = (await c.req.text()).trim() ? await readBody(c, ignoreBody) : {};
    return c.json(await ignoreTransaction(ctx(c), { tenantId: tenantOf(c), transactionId: c.req.param('id'), ...body }));
  });
  app.get('/payment-mapping-templates', async (c) => c.json(await listTemplates(await templatesDir(c))));
  app.get('/payment-mapping-templates/:name', async (c) => {
    const name = c.req.param('name');
    const t = await readTemplate(await templatesDir(c), name);
    return c.json({ name, file: t.file, yaml: t.yaml, template: t.template });
  });
  app.put('/payment-mapping-templates/:name', async (c) => {
    const name = c.req.param('name');
    const yaml = /yaml/.test(c.req.header('content-type') ?? '');
    const input = yaml ? await c.req.text() : ((await readBody(c, z.record(z.string(), z.unknown()))) as Record<string, unknown>);
    const t = await writeTemplate(await templatesDir(c), name, input);
    return c.json({ name, file: t.file, yaml: t.yaml, template: t.template });
  });
  app.delete('/payment-mapping-templates/:name', async (c) => {
    await deleteTemplate(await templatesDir(c), c.req.param('name'));
    return c.json({ deleted: c.req.param('name') });
  });
  return app;
}

/** The statement from the body: raw bytes, or the "file" field of a multipart form. */
async function readFile(c: Context, name?: string): Promise<{ bytes: Uint8Array; fileName: string }> {
  if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
    const form = await c.req.formData();
    const file = form.get('file');
    if (!file || typeof file === 'string') throw new HttpError(400, 'invalid_request', 'file: send the statement as the multipart field "file"');
    return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: name ?? file.name ?? 'statement' };
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) throw new HttpError(400, 'invalid_request', '(body): send the statement file as the request body (or multipart field "file")');
  return { bytes, fileName: name ?? 'statement' };
}
