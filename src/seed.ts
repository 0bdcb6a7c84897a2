import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApiToken, hashToken } from './api/auth.js';
import type { Db } from './platform/db.js';

/** Stable ids so the printed sample command works on every start. */
export const DEMO = {
  tenantId: 'demo-tenant',
  customerId: 'demo-customer',
  opportunityId: 'demo-opportunity',
} as const;

/** Seeds a small demo business on first start; later starts leave the data alone. */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  if (await db.tenant.findUnique({ where: { id: DEMO.tenantId } })) return { created: false };
  await db.$transaction(async (tx) => {
    await tx.tenant.create({
      data: {
        id: DEMO.tenantId,
        name: 'Atelier Dulce SRL',
        slug: 'demo',
        ownerEmail: 'owner@atelier-dulce.example',
        timeZone: 'Europe/Bucharest',
        addressLine1: 'Strada Florilor 12',
        postalCode: '010101',
        city: 'București',
        country: 'RO',
        vatId: 'RO12345678',
        registration: 'J40/1234/2020',
        iban: 'RO49AAAA1B31007593840000',
        bankName: 'Banca Demo',
      },
    });
    await tx.customer.create({
      data: {
        id: DEMO.customerId,
        tenantId: DEMO.tenantId,
        name: 'Ana Popescu',
        email: 'ana@example.ro',
        language: 'ro',
        currency: 'RON',
        contacts: {
          create: [
            { name: 'Ana Popescu', email: 'ana@example.ro', role: 'main' },
            { name: 'Mihai Ionescu', email: 'contabilitate@example.ro', role: 'accounting' },
          ],
        },
      },
    });
    await tx.opportunity.create({
      data: {
        id: DEMO.opportunityId,
        tenantId: DEMO.tenantId,
        customerId: DEMO.customerId,
        externalId: 'OPP-1001',
        title: 'Curs de patiserie — grupa de toamnă',
        pipeline: 'enrolment',
        status: 'new',
        amountMinor: 120000,
        currency: 'RON',
        customFields: { seats: 1 },
      },
    });
  });
  return { created: true };
}

/** Where `npm start` keeps the demo tenant's API token (the database holds only its hash). */
export function demoTokenFile(dataDir: string): string {
  return path.join(dataDir, 'demo-api-token');
}

/**
 * The demo tenant's API token: the one in the data folder while it is still valid, else a
 * new one (written there, readable by the owner only).
 */
export async function ensureDemoToken(db: Db, dataDir: string): Promise<string> {
  const file = demoTokenFile(dataDir);
  const saved = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (saved) {
    const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(saved) } });
    if (row && !row.revokedAt && row.tenantId === DEMO.tenantId) return saved;
  }
  const { token } = await createApiToken(db, DEMO.tenantId, 'demo (npm start)');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/** The token `npm start` saved for the demo tenant (tests and benchmarks use it). */
export function readDemoToken(dataDir: string): string {
  return readFileSync(demoTokenFile(dataDir), 'utf8').trim();
}
