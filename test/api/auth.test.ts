// Bearer tokens, tenant isolation and Idempotency-Key on real SQLite and PostgreSQL.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config.js';
import type { Db } from '../../src/platform/db.js';
import { testDatabase, type Provider } from '../invoicing/support.js';
import { client, tenantWithToken, testApp, type Call } from './support.js';

const run = promisify(execFile);

describe.each(['sqlite', 'postgresql'] as Provider[])('API auth and tenancy on %s', (provider) => {
  let db: Db;
  let url: string;
  let cleanup: () => Promise<void>;
  let a: Call;
  let b: Call;
  let app: ReturnType<typeof testApp>;
  let tenantA: string;
  beforeAll(async () => {
    ({ db, url, cleanup } = await testDatabase(provider));
    app = testApp(db);
    const ta = await tenantWithToken(db, 'alpha');
    const tb = await tenantWithToken(db, 'beta');
    tenantA = ta.tenant.id;
    a = client(app, ta.token);
    b = client(app, tb.token);
  });
  afterAll(async () => cleanup?.());

  const counts = async () => Promise.all([db.customer.count(), db.invoice.count(), db.opportunity.count(), db.idempotencyRecord.count()]);

  it.each([
    ['no token', null],
    ['an unknown token', 'rf_not-a-token'],
  ])('answers 401 to %s and changes nothing', async (_, token) => {
    const anon = client(app, token);
    const before = await counts();
    for (const [method, path, body] of [
      ['POST', '/v1/customers', { name: 'Mallory' }],
      ['GET', '/v1/customers', undefined],
      ['POST', '/v1/invoices', { customerId: 'x', kind: 'final', lines: [] }],
      ['POST', '/v1/opportunities', { externalId: 'E', customerId: 'x', title: 't' }],
      ['GET', '/v1/exports/invoices?from=2026-01-01&to=2026-12-31', undefined],
    ] as const) {
      const res = await anon(method, path, body, { 'idempotency-key': 'k1' });
      expect(res).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(await counts()).toEqual(before);
  });

  it('`recflow tokens create` prints a token that works', async () => {
    const { tenant } = await tenantWithToken(db, 'delta');
    const env = { ...process.env, DATABASE_URL: url };
    const { stdout } = await run(process.execPath, [path.join(projectRoot, 'bin/recflow.mjs'), 'tokens', 'create', '--tenant', tenant.slug, '--name', 'compose'], { env });
    const token = stdout.trim();
    expect(token).toMatch(/^rf_[\w-]{32}$/);
    expect((await client(app, token)('GET', '/v1/customers')).status).toBe(200);
    const bad = await run(process.execPath, [path.join(projectRoot, 'bin/recflow.mjs'), 'tokens', 'create', '--tenant', 'nope'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('no tenant "nope"') });
  });

  it('accepts a token only while it is not revoked', async () => {
    const { token } = await tenantWithToken(db, 'gamma');
    expect((await client(app, token)('GET', '/v1/customers')).status).toBe(200);
    await db.apiToken.updateMany({ where: { tokenHash: { not: '' }, tenant: { name: 'gamma' } }, data: { revokedAt: new Date() } });
    expect((await client(app, token)('GET', '/v1/customers')).status).toBe(401);
  });

  it("never shows or changes another tenant's customers, contacts, invoices or opportunities", async () => {
    const customer = (await a('POST', '/v1/customers', { name: 'Alpha customer' })).body;
    const contact = (await a('POST', `/v1/customers/${customer.id}/contacts`, { name: 'C', email: 'c@example.com' })).body;
    const invoice = (await a('POST', '/v1/invoices', { customerId: customer.id, kind: 'final', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 100, taxRateBp: 0 }] })).body;
    const opportunity = (await a('POST', '/v1/opportunities', { externalId: 'OPP-A', customerId: customer.id, title: 'A deal' })).body;
    expect((await b('GET', '/v1/customers')).body.items).toEqual([]);
    expect((await b('GET', '/v1/invoices')).body.items).toEqual([]);
    for (const path of [`/v1/customers/${customer.id}`, `/v1/contacts/${contact.id}`, `/v1/invoices/${invoice.id}`, `/v1/opportunities/${opportunity.id}`, `/v1/customers/${customer.id}/contacts`]) {
      expect((await b('GET', path)).status, path).toBe(404);
    }
    expect((await b('GET', `/v1/customers/${customer.id}/financial-picture?from=2026-01-01&to=2026-12-31`)).status).toBe(404);
    expect((await b('PATCH', `/v1/customers/${customer.id}`, { name: 'pwned' })).status).toBe(404);
    expect((await b('POST', `/v1/invoices/${invoice.id}/issue`)).status).toBe(404);
    expect((await b('POST', `/v1/opportunities/${opportunity.id}/status`, { status: 'won' })).status).toBe(404);
    expect((await b('POST', '/v1/invoices', { customerId: customer.id, kind: 'final', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 1, taxRateBp: 0 }] })).status).toBe(422);
    const csv = await b('GET', '/v1/exports/invoices?from=2000-01-01&to=2100-01-01&format=csv');
    expect(new TextDecoder().decode(csv.body as ArrayBuffer).trim().split('\n')).toHaveLength(1);
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).toMatchObject({ name: 'Alpha customer', tenantId: tenantA });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe('draft');
  });

  it('replays a POST repeated with the same Idempotency-Key, and refuses the key for another body', async () => {
    const key = { 'idempotency-key': 'create-customer-1' };
    const first = await a('POST', '/v1/customers', { name: 'Once' }, key);
    const again = await a('POST', '/v1/customers', { name: 'Once' }, key);
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await db.customer.count({ where: { name: 'Once' } })).toBe(1);
    expect(await a('POST', '/v1/customers', { name: 'Twice' }, key)).toMatchObject({ status: 422, body: { error: 'idempotency_key_reused' } });
    expect(await db.customer.count({ where: { name: 'Twice' } })).toBe(0);
    // Keys are per tenant: the other tenant's same key is a new request.
    expect((await b('POST', '/v1/customers', { name: 'Once' }, key)).headers.get('idempotent-replayed')).toBeNull();

    const cust = first.body.id;
    const draft = (await a('POST', '/v1/invoices', { customerId: cust, kind: 'final', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 500, taxRateBp: 0 }] })).body;
    const pay = () => a('POST', `/v1/invoices/${draft.id}/payments`, { amountMinor: 100 }, { 'idempotency-key': 'pay-1' });
    await a('POST', `/v1/invoices/${draft.id}/issue`);
    expect((await pay()).body.paidMinor).toBe(100);
    expect((await pay()).body.paidMinor).toBe(100);
    expect(await db.payment.count({ where: { invoiceId: draft.id } })).toBe(1);
  });
});
