// The MiniCRM scenario "monthly recurring invoice until stopped" end to end with the shipped
// rule (rules/monthly-recurring-invoice.yaml) on `recflow start`: subscribed → the rule
// starts a recurring invoice (a Temporal Schedule) → a run of the schedule issues INV-…
// and mails it with its PDF → cancelled → the rule stops it: the schedule is gone.
import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/seed.js';
import { pdfToText } from '../support/pdf-text.js';
import { startRecflowStack, type RecflowStack } from '../support/recflow-process.js';
import { addresses } from '../support/smtp-sink.js';

describe('monthly recurring invoice rule: subscribed → invoiced monthly → cancelled', () => {
  let stack: RecflowStack;
  let sink: RecflowStack['sink'];
  let apiUrl: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    stack = await startRecflowStack('recflow-recurring-e2e-');
    ({ sink, apiUrl } = stack);
    auth = { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const api = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}${url}`, { method, headers: auth, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json()) as any };
  };
  const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${stack.recflow.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  };

  it('starts the schedule, issues and mails an invoice with its PDF, and stops on cancellation', async () => {
    const opp = await api('POST', '/v1/opportunities', { externalId: 'sub-1', customerId: DEMO.customerId, title: 'Abonament lunar patiserie', pipeline: 'subscriptions', status: 'new', amountMinor: 12_000, currency: 'RON' });
    expect(opp.status, JSON.stringify(opp.body)).toBe(201);
    expect((await api('POST', `/v1/opportunities/${opp.body.id}/status`, { status: 'subscribed', eventId: 'crm-sub-1' })).status).toBe(200);

    const rec = await until('the recurring invoice', async () => (await api('GET', '/v1/recurring-invoices')).body.items.find((i: any) => i.opportunityId === opp.body.id));
    expect(rec).toMatchObject({ status: 'active', cadence: 'every month on day 1 at 09:00', timeZone: 'Europe/Bucharest', createdBy: expect.stringContaining('rule/monthly-recurring-invoice/') });
    expect(rec.nextRuns.length).toBeGreaterThan(0);

    const connection = await Connection.connect({ address: `127.0.0.1:${stack.temporalPort}` });
    try {
      const schedule = new Client({ connection }).schedule.getHandle(rec.scheduleId);
      expect((await schedule.describe()).memo?.customer).toBe('Ana Popescu');
      await schedule.trigger();

      const mail = await sink.waitFor((m) => /INV-\d{4}-\d{4}/.test(m.subject ?? ''), 60_000);
      const number = /INV-\d{4}-\d{4}/.exec(mail.subject!)![0];
      expect(addresses(mail.to)).toContain('contabilitate@example.ro');
      expect(mail.attachments).toHaveLength(1);
      const text = await pdfToText(mail.attachments[0]!.content);
      expect(text).toContain(number);
      expect(text).toContain('Abonament lunar patiserie');

      expect((await api('POST', `/v1/opportunities/${opp.body.id}/status`, { status: 'cancelled', eventId: 'crm-sub-1-cancel' })).status).toBe(200);
      const stopped = await until('the stop', async () => {
        const r = (await api('GET', `/v1/recurring-invoices/${rec.id}`)).body;
        return r.status === 'stopped' ? r : undefined;
      });
      expect(stopped).toMatchObject({ issuedCount: 1, lastPeriod: expect.stringMatching(/^\d{4}-\d{2}$/), stoppedBy: expect.stringContaining('rule/monthly-recurring-invoice/') });
      await expect(schedule.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
      const invoices = (await api('GET', `/v1/invoices?customerId=${DEMO.customerId}`)).body.items.filter((i: any) => i.opportunityId === opp.body.id);
      expect(invoices.map((i: any) => i.number)).toEqual([number]);
      expect(sink.count((m) => (m.subject ?? '').includes('INV-'))).toBe(1);
    } finally {
      await connection.close();
    }
  });
});
