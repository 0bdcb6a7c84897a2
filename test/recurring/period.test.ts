// One period's invoice, on SQLite and PostgreSQL: issued once per period whatever happens
// twice, lines copied from the template invoice, nothing once stopped or off the cycle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft, issueInvoice } from '../../src/invoicing/index.js';
import { issuePeriod } from '../../src/recurring/period.js';
import { courseLine, tenantWithCustomer, testDatabase, type Provider } from '../invoicing/support.js';

describe.each(['sqlite', 'postgresql'] as Provider[])('recurring period on %s', (provider) => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  beforeAll(async () => {
    env = await testDatabase(provider);
  });
  afterAll(async () => env?.cleanup());

  it('issues one invoice per period with the template lines, and nothing when stopped or off the cycle', async () => {
    const { db } = env;
    const { tenant, customer, ctx } = await tenantWithCustomer(db);
    const template = await issueInvoice(ctx, { tenantId: tenant.id, invoiceId: (await createDraft(ctx, { tenantId: tenant.id, customerId: customer.id, kind: 'final', lines: [courseLine, { ...courseLine, description: 'Materiale', quantity: '2.5', discountBp: 1000 }] })).id });
    const rec = await db.recurringInvoice.create({
      data: { tenantId: tenant.id, customerId: customer.id, templateInvoiceId: template.id, everyMonths: 3, dayOfMonth: 31, at: '09:00', startDate: '2026-11-01', scheduleId: `recurring/test-${tenant.id}`, createdBy: 'test' },
    });
    const run = (scheduledAt: string) => issuePeriod({ db, actor: 'test' }, { tenantId: tenant.id, recurringId: rec.id, scheduledAt, now: Date.parse(scheduledAt) });

    // 30 November 2026, 09:00 in Bucharest (day 31 → the 30th); the same period twice, concurrently.
    const [a, b] = await Promise.all([run('2026-11-30T07:00:00Z'), run('2026-11-30T07:00:00Z')]);
    expect(a).toMatchObject({ status: 'issued', period: '2026-11' });
    expect(b).toMatchObject({ status: 'issued', number: (a as { number: string }).number });
    expect(await run('2026-12-31T07:00:00Z')).toMatchObject({ status: 'skipped', why: expect.stringContaining('not in the cycle') });
    // 28 February 2027 22:30 UTC is already 1 March in Bucharest: the period follows the tenant's calendar.
    expect(await run('2027-02-28T22:30:00Z')).toMatchObject({ status: 'skipped', period: '2027-03', why: expect.stringContaining('not in the cycle') });
    expect(await run('2027-02-28T07:00:00Z')).toMatchObject({ status: 'issued', period: '2027-02' });

    const invoices = await db.invoice.findMany({ where: { recurringId: rec.id }, include: { lines: { orderBy: { position: 'asc' } } }, orderBy: { sourceKey: 'asc' } });
    expect(invoices.map((i) => i.sourceKey)).toEqual([`recurring:${rec.id}:2026-11`, `recurring:${rec.id}:2027-02`]);
    expect(invoices[0]!.lines.map((l) => [l.description, l.quantityMilli, l.discountBp])).toEqual([['Curs de patiserie', 1000, 0], ['Materiale', 2500, 1000]]);
    expect(invoices[0]!.grossMinor).toBe(BigInt(template.grossMinor));
    expect(await db.recurringInvoice.findUniqueOrThrow({ where: { id: rec.id } })).toMatchObject({ issuedCount: 2, lastPeriod: '2027-02' });

    await db.recurringInvoice.update({ where: { id: rec.id }, data: { status: 'stopped' } });
    expect(await run('2027-05-31T06:00:00Z')).toMatchObject({ status: 'skipped', why: expect.stringContaining('stopped') });
    expect(await db.invoice.count({ where: { recurringId: rec.id } })).toBe(2);
  });
});
