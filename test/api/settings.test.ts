import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type Provider } from '../invoicing/support.js';
import { client, tenantWithToken, testApp, type Call } from './support.js';

describe.each<Provider>(['sqlite', 'postgresql'])('tenant settings on %s', (provider) => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let api: Call;
  let other: Call;
  let tenantId: string;

  beforeAll(async () => {
    env = await testDatabase(provider);
    const a = await tenantWithToken(env.db, 'settings-a');
    const b = await tenantWithToken(env.db, 'settings-b');
    tenantId = a.tenant.id;
    const app = testApp(env.db);
    api = client(app, a.token);
    other = client(app, b.token);
  });
  afterAll(() => env?.cleanup());

  it('reads the defaults and changes only the fields given, audited', async () => {
    const before = await api('GET', '/v1/settings');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ timeZone: 'Europe/Bucharest', reminderDelivery: 'send', germanFlatFee: false, reminderFee2Minor: null });
    const res = await api('PATCH', '/v1/settings', { reminderDelivery: 'draft', reminderFee2Minor: 500, germanFlatFee: true, iban: 'de89 3704 0044 0532 0130 00', ownerEmail: 'owner@example.de' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reminderDelivery: 'draft', reminderFee2Minor: 500, germanFlatFee: true, iban: 'DE89370400440532013000', timeZone: 'Europe/Bucharest' });
    const audit = await env.db.auditEvent.findFirstOrThrow({ where: { tenantId, entity: 'tenant', action: 'settings-changed' } });
    expect((audit.data as { changed: string[] }).changed.sort()).toEqual(['germanFlatFee', 'iban', 'ownerEmail', 'reminderDelivery', 'reminderFee2Minor']);
    expect((await other('GET', '/v1/settings')).body.reminderDelivery).toBe('send'); // the other tenant is untouched
  });

  it('refuses bad values naming the field, and changes nothing', async () => {
    for (const [body, field] of [
      [{ timeZone: 'Europe/Atlantis' }, 'timeZone'],
      [{ iban: 'DE00 1234' }, 'iban'],
      [{ reminderDelivery: 'later' }, 'reminderDelivery'],
      [{ reminderFee3Minor: -1 }, 'reminderFee3Minor'],
      [{ slug: 'mine' }, 'slug'],
    ] as const) {
      const res = await api('PATCH', '/v1/settings', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message).toContain(field);
    }
    expect((await api('GET', '/v1/settings')).body.timeZone).toBe('Europe/Bucharest');
  });

  it('needs a token', async () => {
    const res = await testApp(env.db).request('/v1/settings', { method: 'PATCH', body: '{"name":"x"}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(401);
  });
});
