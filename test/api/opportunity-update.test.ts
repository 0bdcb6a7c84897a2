// PATCH /v1/opportunities/:id and DELETE /v1/contacts/:id on real SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecflowEvent } from '../../src/events/catalog.js';
import type { Db } from '../../src/platform/db.js';
import { testDatabase, type Provider } from '../invoicing/support.js';
import { client, tenantWithToken, testApp, type Call } from './support.js';

describe.each(['sqlite', 'postgresql'] as Provider[])('opportunity updates and contacts on %s', (provider) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let a: Call;
  let b: Call;
  const fired: RecflowEvent[] = [];
  beforeAll(async () => {
    ({ db, cleanup } = await testDatabase(provider));
    const app = testApp(db, { fire: async (e) => (fired.push(e), []) });
    a = client(app, (await tenantWithToken(db, 'alpha')).token);
    b = client(app, (await tenantWithToken(db, 'beta')).token);
  });
  afterAll(async () => cleanup?.());

  const newOpportunity = async (externalId: string) => {
    const customer = (await a('POST', '/v1/customers', { name: 'Ana Pop' })).body;
    return (await a('POST', '/v1/opportunities', { externalId, customerId: customer.id, title: 'Curs', amountMinor: 10_000, currency: 'RON', customFields: { seats: 1, vip: true } })).body;
  };

  it('changes title, amount, pipeline and merges custom fields; fires nothing', async () => {
    const opp = await newOpportunity('OPP-1');
    const events = await db.domainEvent.count();
    const res = await a('PATCH', `/v1/opportunities/${opp.id}`, { title: 'Curs de patiserie', amountMinor: 25_000, pipeline: 'enrolment', customFields: { seats: 2, vip: null, room: 'B' } });
    expect(res).toMatchObject({ status: 200, body: { title: 'Curs de patiserie', amountMinor: 25_000, pipeline: 'enrolment', status: 'new', customFields: { seats: 2, room: 'B' } } });
    expect(res.body.customFields).not.toHaveProperty('vip');
    expect(fired).toEqual([]);
    expect(await db.domainEvent.count()).toBe(events);
    expect(await db.auditEvent.count({ where: { entity: 'opportunity', entityId: opp.id, action: 'updated' } })).toBe(1);
  });

  it('refuses a status in PATCH, pointing at the status endpoint, and changes nothing', async () => {
    const opp = await newOpportunity('OPP-2');
    const res = await a('PATCH', `/v1/opportunities/${opp.id}`, { title: 'changed', status: 'won' });
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_request', message: expect.stringMatching(/^status: .*\/status/) } });
    expect(await a('PATCH', `/v1/opportunities/${opp.id}`, { amountMinor: 1.5 })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^amountMinor: /) } });
    expect(await a('PATCH', `/v1/opportunities/${opp.id}`, { currency: 'lei' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^currency: /) } });
    expect(await db.opportunity.findUniqueOrThrow({ where: { id: opp.id } })).toMatchObject({ title: 'Curs', status: 'new', amountMinor: 10_000 });
    // The status endpoint still fires the rules.
    expect((await a('POST', `/v1/opportunities/${opp.id}/status`, { status: 'won' })).body.changed).toBe(true);
    expect(fired.at(-1)).toMatchObject({ type: 'opportunity/status-changed', opportunityId: opp.id, to: 'won' });
  });

  it("gives another tenant 404 and changes nothing", async () => {
    const opp = await newOpportunity('OPP-3');
    expect((await b('PATCH', `/v1/opportunities/${opp.id}`, { title: 'pwned' })).status).toBe(404);
    expect((await db.opportunity.findUniqueOrThrow({ where: { id: opp.id } })).title).toBe('Curs');
  });

  it("removes a contact, and only the tenant's own", async () => {
    const customer = (await a('POST', '/v1/customers', { name: 'Firma SRL' })).body;
    const keep = (await a('POST', `/v1/customers/${customer.id}/contacts`, { name: 'Main', email: 'main@firma.example' })).body;
    const gone = (await a('POST', `/v1/customers/${customer.id}/contacts`, { name: 'Acc', email: 'acc@firma.example', role: 'accounting' })).body;
    expect((await b('DELETE', `/v1/contacts/${gone.id}`)).status).toBe(404);
    expect((await a('DELETE', `/v1/contacts/${gone.id}`)).status).toBe(204);
    expect((await a('GET', `/v1/customers/${customer.id}/contacts`)).body.items.map((c: { id: string }) => c.id)).toEqual([keep.id]);
    expect((await a('DELETE', `/v1/contacts/${gone.id}`)).status).toBe(404);
  });
});
