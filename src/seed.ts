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
    await tx.tenant.create({ data: { id: DEMO.tenantId, name: 'Atelier Dulce SRL', slug: 'demo' } });
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
