// Products and services with their list price: what invoice lines pick by productId.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Product } from '../generated/sqlite/client/client.js';
import { actorOf, tenantOf } from './auth.js';
import type { ApiDeps } from './deps.js';
import { HttpError, readBody } from './errors.js';
import type { RouteDoc } from './openapi.js';
import { bp, currency, minor } from './schemas.js';

const productFields = {
  sku: z.string().min(1).max(100).nullable().describe('Your article number; unique per tenant when set.'),
  name: z.string().min(1),
  unit: z.string().min(1).max(20).describe('e.g. pcs, h, month'),
  unitPriceMinor: minor.refine((n) => n >= 0, 'not negative').describe('net list price in minor units'),
  currency,
  taxRateBp: bp.describe('basis points: 1900 = 19 %'),
};
const { sku, unit, ...required } = productFields;
const productCreate = z.object({ ...required, sku: sku.optional(), unit: unit.default('pcs') }).strict().meta({ id: 'ProductCreate' });
const productUpdate = z.object(Object.fromEntries(Object.entries(productFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof productFields]: z.ZodOptional<(typeof productFields)[K]> }).strict().meta({ id: 'ProductUpdate' });
export const productSchema = z.object({ id: z.string(), ...productFields, createdAt: z.string() }).meta({ id: 'Product' });

export const productDocs = [
  { method: 'post', path: '/v1/products', tag: 'products', summary: 'Create a product or service', body: productCreate, responses: { 201: { description: 'Created', schema: productSchema } } },
  { method: 'get', path: '/v1/products', tag: 'products', summary: 'List products (by name)', responses: { 200: { description: 'Products', schema: z.object({ items: z.array(productSchema) }) } } },
  { method: 'get', path: '/v1/products/:id', tag: 'products', summary: 'Read a product', responses: { 200: { description: 'The product', schema: productSchema } } },
  { method: 'patch', path: '/v1/products/:id', tag: 'products', summary: 'Change a product (invoices already written keep their prices)', body: productUpdate, responses: { 200: { description: 'Changed', schema: productSchema } } },
  { method: 'delete', path: '/v1/products/:id', tag: 'products', summary: 'Delete a product (invoice lines keep their own copy of it)', responses: { 204: { description: 'Deleted' } } },
] as const satisfies readonly RouteDoc[];

const productView = ({ tenantId: _, unitPriceMinor, createdAt, ...p }: Product) => ({ ...p, unitPriceMinor: Number(unitPriceMinor), createdAt: createdAt.toISOString() });

export function productRoutes(deps: ApiDeps) {
  const app = new Hono();
  const { db } = deps;
  const find = async (tenantId: string, id: string) => {
    const product = await db.product.findFirst({ where: { id, tenantId } });
    if (!product) throw new HttpError(404, 'not_found', `no product ${id}`);
    return product;
  };
  const checkSku = async (tenantId: string, value: string | null | undefined, self?: string) => {
    if (!value) return;
    const other = await db.product.findFirst({ where: { tenantId, sku: value, ...(self ? { id: { not: self } } : {}) } });
    if (other) throw new HttpError(409, 'duplicate_sku', `sku: product ${other.id} already has sku ${value}`);
  };
  const audit = (tenantId: string, id: string, action: string, actor: string, data: object) =>
    db.auditEvent.create({ data: { tenantId, entity: 'product', entityId: id, action, actor, data } });

  app.post('/products', async (c) => {
    const body = await readBody(c, productCreate);
    const tenantId = tenantOf(c);
    await checkSku(tenantId, body.sku);
    const created = await db.product.create({ data: { ...body, unitPriceMinor: BigInt(body.unitPriceMinor), tenantId } });
    await audit(tenantId, created.id, 'created', actorOf(c), {});
    return c.json(productView(created), 201);
  });
  app.get('/products', async (c) => c.json({ items: (await db.product.findMany({ where: { tenantId: tenantOf(c) }, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: 1000 })).map(productView) }));
  app.get('/products/:id', async (c) => c.json(productView(await find(tenantOf(c), c.req.param('id')))));
  app.patch('/products/:id', async (c) => {
    const body = await readBody(c, productUpdate);
    const tenantId = tenantOf(c);
    const product = await find(tenantId, c.req.param('id'));
    await checkSku(tenantId, body.sku, product.id);
    const { unitPriceMinor, ...rest } = body;
    const updated = await db.product.update({ where: { id: product.id }, data: { ...rest, ...(unitPriceMinor !== undefined ? { unitPriceMinor: BigInt(unitPriceMinor) } : {}) } });
    await audit(tenantId, product.id, 'updated', actorOf(c), { fields: Object.keys(body) });
    return c.json(productView(updated));
  });
  app.delete('/products/:id', async (c) => {
    const tenantId = tenantOf(c);
    const product = await find(tenantId, c.req.param('id'));
    // Invoice lines copy description, unit, price and tax rate: deleting leaves them intact.
    await db.product.delete({ where: { id: product.id } });
    await audit(tenantId, product.id, 'deleted', actorOf(c), { name: product.name, sku: product.sku });
    return c.body(null, 204);
  });
  return app;
}
