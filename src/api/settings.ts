// The tenant's own settings: the seller printed on documents, where owner mail goes, the
// time zone its dates live in, and how dunning and rule mail behave (seed 003, 000).
import { Hono } from 'hono';
import { z } from 'zod';
import { isValidIban, normaliseIban } from '../receivables/index.js';
import type { Tenant } from '../generated/sqlite/client/client.js';
import { actorOf, tenantOf } from './auth.js';
import type { ApiDeps } from './deps.js';
import { readBody } from './errors.js';
import type { RouteDoc } from './openapi.js';
import { minor } from './schemas.js';

const text = z.string().min(1).max(200).nullable();
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Europe/Berlin');

const settingsFields = {
  name: z.string().min(1).max(200),
  timeZone: timeZone.describe('IANA time zone; invoice dates, number years and dunning days are calendar dates in it'),
  ownerEmail: z.email().nullable().describe('where notify-owner steps and owner notices go'),
  addressLine1: text, addressLine2: text, postalCode: text, city: text,
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as DE').nullable(),
  vatId: text, registration: text,
  iban: z.string().refine(isValidIban, 'a valid IBAN (checksum)').transform(normaliseIban).nullable(),
  bic: z.string().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'a BIC of 8 or 11 letters and digits').nullable(),
  bankName: text,
  reminderDelivery: z.enum(['send', 'draft']).describe('dunning letters mailed at once, or held as drafts for approval'),
  ruleMailDelivery: z.enum(['send', 'draft']).describe("rules' send-email steps mailed at once, or held as drafts"),
  reminderFee2Minor: minor.refine((n) => n >= 0, 'not negative').nullable().describe('fee on a level-2 reminder, minor units'),
  reminderFee3Minor: minor.refine((n) => n >= 0, 'not negative').nullable().describe('fee on a level-3 reminder, minor units'),
  germanFlatFee: z.boolean().describe('§ 288 (5) BGB: 40 EUR once per claim from business customers'),
  chargeInterest: z.boolean().describe('statutory default interest on reminder letters'),
  paymentOrder: z.enum(['costs-interest-principal', 'principal-first']).describe('what a partial payment pays first'),
};
const settingsUpdate = z
  .object(Object.fromEntries(Object.entries(settingsFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof settingsFields]: z.ZodOptional<(typeof settingsFields)[K]> })
  .strict()
  .meta({ id: 'SettingsUpdate' });
const { iban: _iban, ...plainFields } = settingsFields;
export const settingsSchema = z.object({ slug: z.string(), ...plainFields, iban: z.string().nullable() }).meta({ id: 'Settings' });

export const settingsDocs = [
  { method: 'get', path: '/v1/settings', tag: 'settings', summary: "The tenant's settings: seller details, time zone, owner mail, dunning and rule mail", responses: { 200: { description: 'The settings', schema: settingsSchema } } },
  { method: 'patch', path: '/v1/settings', tag: 'settings', summary: 'Change settings (only the fields given)', body: settingsUpdate, responses: { 200: { description: 'Changed', schema: settingsSchema } } },
] as const satisfies readonly RouteDoc[];

function settingsView(t: Tenant) {
  const { id: _id, createdAt: _c, reminderFee2Minor, reminderFee3Minor, ...rest } = t;
  const n = (v: bigint | null) => (v === null ? null : Number(v));
  return { ...rest, reminderFee2Minor: n(reminderFee2Minor), reminderFee3Minor: n(reminderFee3Minor) };
}

export function settingsRoutes(deps: ApiDeps) {
  const app = new Hono();
  const { db } = deps;
  app.get('/settings', async (c) => c.json(settingsView(await db.tenant.findUniqueOrThrow({ where: { id: tenantOf(c) } }))));
  app.patch('/settings', async (c) => {
    const body = await readBody(c, settingsUpdate);
    const tenantId = tenantOf(c);
    const updated = await db.$transaction(async (tx) => {
      const before = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
      const after = await tx.tenant.update({ where: { id: tenantId }, data: body });
      const changed = Object.keys(body).filter((k) => String(before[k as keyof Tenant]) !== String(after[k as keyof Tenant]));
      await tx.auditEvent.create({ data: { tenantId, entity: 'tenant', entityId: tenantId, action: 'settings-changed', actor: actorOf(c), data: { changed } } });
      return after;
    });
    return c.json(settingsView(updated));
  });
  return app;
}
