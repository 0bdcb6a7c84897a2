// /v1/branches on real SQLite and PostgreSQL: dunning days per branch as dunning reads
// them, validation naming the field, deleting a branch, tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTenantDunning } from '../../src/dunning/settings.js';
import type { Db } from '../../src/platform/db.js';
import { testDatabase, type Provider } from '../invoicing/support.js';
import { client, tenantWithToken, testApp, type Call } from './support.js';

describe.each(['sqlite', 'postgresql'] as Provider[])('branches API on %s', (provider) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let a: Call;
  let b: Call;
  let tenantA: string;
  beforeAll(async () => {
    ({ db, cleanup } = await testDatabase(provider));
    const app = testApp(db);
    const ta = await tenantWithToken(db, 'alpha');
    tenantA = ta.tenant.id;
    a = client(app, ta.token);
    b = client(app, (await tenantWithToken(db, 'beta')).token);
  });
  afterAll(async () => cleanup?.());

  it('keeps dunning days per branch, and the next dunning run reads the changed days', async () => {
    const created = await a('POST', '/v1/branches', { name: 'Timișoara' });
    expect(created).toMatchObject({ status: 201, body: { name: 'Timișoara', dunningDays1: 7, dunningDays2: 14, dunningDays3: 14 } });
    const id = created.body.id;
    const changed = await a('PATCH', `/v1/branches/${id}`, { dunningDays1: 3, dunningDays3: 21 });
    expect(changed.body).toMatchObject({ dunningDays1: 3, dunningDays2: 14, dunningDays3: 21 });
    expect((await loadTenantDunning(db, tenantA)).dunning.branchDays?.get(id)).toEqual({ level1: 3, level2: 14, level3: 21 });
    expect((await a('GET', '/v1/branches')).body.items.map((x: { id: string }) => x.id)).toContain(id);
    expect((await a('GET', `/v1/branches/${id}`)).body.dunningDays1).toBe(3);
  });

  it('answers 400 naming the field', async () => {
    expect(await a('POST', '/v1/branches', { name: 'X', dunningDays2: -1 })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^dunningDays2: /) } });
    expect(await a('POST', '/v1/branches', { name: '' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^name: /) } });
    expect(await a('POST', '/v1/branches', { name: 'X', dunningDays: 3 })).toMatchObject({ status: 400, body: { message: expect.stringContaining('dunningDays') } });
    const id = (await a('POST', '/v1/branches', { name: 'Y' })).body.id;
    expect(await a('PATCH', `/v1/branches/${id}`, { dunningDays1: 1.5 })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^dunningDays1: /) } });
    expect(await db.branch.count({ where: { name: 'X' } })).toBe(0);
  });

  it('deletes a branch: its customers stay, without a branch', async () => {
    const branch = (await a('POST', '/v1/branches', { name: 'Cluj' })).body;
    const customer = (await a('POST', '/v1/customers', { name: 'Ana', branchId: branch.id })).body;
    expect((await a('DELETE', `/v1/branches/${branch.id}`)).status).toBe(204);
    expect((await a('GET', `/v1/customers/${customer.id}`)).body.branchId).toBeNull();
    expect((await a('GET', `/v1/branches/${branch.id}`)).status).toBe(404);
  });

  it("never shows or changes another tenant's branches", async () => {
    const branch = (await a('POST', '/v1/branches', { name: 'Berlin', dunningDays1: 5 })).body;
    expect((await b('GET', '/v1/branches')).body.items).toEqual([]);
    expect((await b('GET', `/v1/branches/${branch.id}`)).status).toBe(404);
    expect((await b('PATCH', `/v1/branches/${branch.id}`, { dunningDays1: 0 })).status).toBe(404);
    expect((await b('DELETE', `/v1/branches/${branch.id}`)).status).toBe(404);
    // Nor can its customers join it.
    expect((await b('POST', '/v1/customers', { name: 'Eve', branchId: branch.id })).status).toBe(422);
    expect(await db.branch.findUniqueOrThrow({ where: { id: branch.id } })).toMatchObject({ dunningDays1: 5, tenantId: tenantA });
  });
});
