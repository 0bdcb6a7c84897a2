// The API and the CLI over recurring invoices, on a real dev server: start, list with the
// schedule's next runs, the errors a client can act on, stop twice; the CLI end to end.
import { ScheduleNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/api/auth.js';
import type { RunDeps } from '../../src/api/runs.js';
import { client as apiClient, testApp, tenantWithToken } from '../api/support.js';
import { spawnRecflow } from '../support/recflow-process.js';
import { customerWithInvoice, startBed, type Bed } from './bed.js';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed();
});
afterAll(async () => bed?.stop());

const localDay = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Bucharest', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

describe('/v1/recurring-invoices', () => {
  it('starts, lists with next runs, refuses with reasons, and stops (twice)', async () => {
    const { tenant, invoice } = await customerWithInvoice(bed.db);
    const { token } = await createApiToken(bed.db, tenant.id, 'test');
    const app = testApp(bed.db, { runs: { client: bed.client, taskQueue: bed.taskQueue } as RunDeps });
    const call = apiClient(app, token);

    const started = await call('POST', '/v1/recurring-invoices', { invoiceId: invoice.id, dayOfMonth: 5, at: '07:15', startDate: '2026-12-01' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'active', cadence: 'every month on day 5 at 07:15', timeZone: 'Europe/Bucharest', templateInvoiceId: invoice.id, createdBy: expect.stringMatching(/^api-token:/) });
    expect(started.body.nextRuns.map(localDay).slice(0, 2)).toEqual(['2026-12-05 07:15', '2027-01-05 07:15']);

    const again = await call('POST', '/v1/recurring-invoices', { invoiceId: invoice.id });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(`already has the active recurring invoice ${started.body.id}`);
    expect((await call('POST', '/v1/recurring-invoices', { invoiceId: invoice.id, everyMonths: 5 })).body.message).toContain('everyMonths: 5 does not divide a year');
    const bad = await call('POST', '/v1/recurring-invoices', { invoiceId: invoice.id, dayOfMonth: 40 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^dayOfMonth:/);
    expect((await call('POST', '/v1/recurring-invoices', { opportunityId: 'nope' })).status).toBe(404);

    const list = await call('GET', '/v1/recurring-invoices?status=active');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([started.body.id]);
    const other = await tenantWithToken(bed.db, 'other');
    expect((await apiClient(app, other.token)('GET', `/v1/recurring-invoices/${started.body.id}`)).status).toBe(404);

    const stopped = await call('POST', `/v1/recurring-invoices/${started.body.id}/stop`);
    expect(stopped.body).toMatchObject({ status: 'stopped', nextRuns: [] });
    await expect(bed.client.schedule.getHandle(started.body.scheduleId).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect((await call('POST', `/v1/recurring-invoices/${started.body.id}/stop`)).status).toBe(200);
  });
});

describe('recflow recurring', () => {
  it('starts from an opportunity, lists and stops it', async () => {
    const { tenant, customer } = await customerWithInvoice(bed.db);
    const opp = await bed.db.opportunity.create({ data: { tenantId: tenant.id, customerId: customer.id, externalId: 'crm-42', title: 'Abonament', pipeline: 'default', status: 'subscribed', amountMinor: 9_900, currency: 'RON', customFields: {} } });
    const env = { DATABASE_URL: bed.databaseUrl, TEMPORAL_ADDRESS: bed.server.address, TEMPORAL_TASK_QUEUE: bed.taskQueue };
    const run = async (...args: string[]) => {
      const p = spawnRecflow(env, ['recurring', ...args]);
      const code = await p.exited;
      return { code, out: p.output() };
    };
    const start = await run('start', '--opportunity', opp.id, '--every', '3 months', '--day', '31', '--tenant', tenant.slug);
    expect(start.code, start.out).toBe(0);
    const id = /started (\S+): every 3 months on day 31 at 09:00 \(Europe\/Bucharest\)/.exec(start.out)?.[1];
    expect(id, start.out).toBeDefined();
    expect(start.out).toMatch(/next: \d{4}-/);

    const bad = await run('start', '--opportunity', opp.id, '--every', '2 weeks', '--tenant', tenant.slug);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('error: every: "2 weeks" is not a number of months');

    const list = await run('list', '--tenant', tenant.slug);
    expect(list.out).toContain(`${id}  active   every 3 months on day 31 at 09:00  from opportunity ${opp.id}  issued 0`);

    const stop = await run('stop', id!, '--tenant', tenant.slug);
    expect(stop.code, stop.out).toBe(0);
    expect(stop.out).toContain(`stopped ${id}`);
    await expect(bed.client.schedule.getHandle(`recurring/${id}`).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});
