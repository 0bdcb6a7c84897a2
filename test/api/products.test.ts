// /v1/products on real SQLite and PostgreSQL: validation naming the field, SKUs unique per
// tenant, invoices keep their lines when a product changes or goes, tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db.js';
import { testDatabase, type Provider } from '../invoicing/support.js';
import { client, tenantWithToken, testApp, type Call } from './support.js';

describe.each(['sqlite', 'postgresql'] as Provider[])('products API on %s', (provider) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let a: Call;
  let b: Call;
  beforeAll(async () => {
    ({ db, cleanup } = await testDatabase(provider));
    const app = testApp(db);
    a = client(app, (await tenantWithToken(db, 'alpha')).token);
    b = client(app, (await tenantWithToken(db, 'beta')).token);
  });
  afterAll(async () => cleanup?.());

  const lesson = { sku: 'GIT-60', name: 'Gitarrenstunde 60 min', unit: 'h', unitPriceMinor: 4500, currency: 'EUR', taxRateBp: 1900 };

  it('creates, lists, reads, changes and deletes a product', async () => {
    const created = await a('POST', '/v1/products', lesson);
    expect(created).toMatchObject({ status: 201, body: { ...lesson, id: expect.any(String) } });
    const id = created.body.id;
    expect((await a('POST', '/v1/products', { name: 'Anmeldegebühr', unitPriceMinor: 2500, currency: 'EUR', taxRateBp: 0 })).body).toMatchObject({ unit: 'pcs', sku: null });
    expect((await a('GET', '/v1/products')).body.items.map((p: { name: string }) => p.name)).toEqual(['Anmeldegebühr', 'Gitarrenstunde 60 min']);
    expect((await a('PATCH', `/v1/products/${id}`, { unitPriceMinor: 5000, name: 'Gitarre 60' })).body).toMatchObject({ unitPriceMinor: 5000, name: 'Gitarre 60', sku: 'GIT-60' });
    expect((await a('GET', `/v1/products/${id}`)).body.unitPriceMinor).toBe(5000);
    expect((await a('DELETE', `/v1/products/${id}`)).status).toBe(204);
    expect((await a('GET', `/v1/products/${id}`)).status).toBe(404);
    expect(await db.auditEvent.count({ where: { entity: 'product', entityId: id } })).toBe(3);
  });

  it('answers 400 naming the field, and 409 for an SKU the tenant already uses', async () => {
    expect(await a('POST', '/v1/products', { ...lesson, sku: 'X1', taxRateBp: 12_000 })).toMatchObject({ status: 400, body: { error: 'invalid_request', message: expect.stringMatching(/^taxRateBp: /) } });
    expect(await a('POST', '/v1/products', { ...lesson, sku: 'X1', currency: 'euro' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^currency: .*ISO 4217/) } });
    expect(await a('POST', '/v1/products', { ...lesson, sku: 'X1', price: 1 })).toMatchObject({ status: 400, body: { message: expect.stringContaining('price') } });
    expect(await a('POST', '/v1/products', { ...lesson, sku: 'X1', unitPriceMinor: -1 })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^unitPriceMinor: /) } });
    const first = await a('POST', '/v1/products', { ...lesson, sku: 'DUP' });
    expect(await a('POST', '/v1/products', { ...lesson, sku: 'DUP' })).toMatchObject({ status: 409, body: { error: 'duplicate_sku', message: expect.stringMatching(/^sku: /) } });
    const other = await a('POST', '/v1/products', { ...lesson, sku: 'OTHER' });
    expect((await a('PATCH', `/v1/products/${other.body.id}`, { sku: 'DUP' })).status).toBe(409);
    expect((await a('PATCH', `/v1/products/${first.body.id}`, { sku: 'DUP' })).status).toBe(200); // its own SKU
    // Another tenant may use the same SKU.
    expect((await b('POST', '/v1/products', { ...lesson, sku: 'DUP' })).status).toBe(201);
    expect(await db.product.count({ where: { sku: 'X1' } })).toBe(0);
  });

  it('leaves invoice lines as they were when their product changes or is deleted', async () => {
    const product = (await a('POST', '/v1/products', { ...lesson, sku: 'INV-LINE' })).body;
    const customer = (await a('POST', '/v1/customers', { name: 'Müller GmbH' })).body;
    const invoice = (await a('POST', '/v1/invoices', { customerId: customer.id, kind: 'final', lines: [{ productId: product.id, description: product.name, quantity: 2, unitPriceMinor: product.unitPriceMinor, taxRateBp: product.taxRateBp }] })).body;
    await a('PATCH', `/v1/products/${product.id}`, { unitPriceMinor: 9999 });
    await a('DELETE', `/v1/products/${product.id}`);
    const after = (await a('GET', `/v1/invoices/${invoice.id}`)).body;
    expect(after.lines[0]).toMatchObject({ productId: product.id, unitPriceMinor: 4500, netMinor: 9000 });
    expect(after.grossMinor).toBe(invoice.grossMinor);
  });

  it("never shows or changes another tenant's products", async () => {
    const product = (await a('POST', '/v1/products', { ...lesson, sku: 'MINE' })).body;
    expect((await b('GET', '/v1/products')).body.items.map((p: { sku: string }) => p.sku)).not.toContain('MINE');
    expect((await b('GET', `/v1/products/${product.id}`)).status).toBe(404);
    expect((await b('PATCH', `/v1/products/${product.id}`, { name: 'pwned' })).status).toBe(404);
    expect((await b('DELETE', `/v1/products/${product.id}`)).status).toBe(404);
    expect(await db.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({ name: lesson.name, unitPriceMinor: 4500n });
  });
});
