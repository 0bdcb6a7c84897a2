// The runtime wiring through `recflow start` on a real dev server: a new card over the API
// writes opportunity/created to the outbox, the API process's dispatcher (nudged by the
// request) fires the rule, and the mail arrives; an invoice issued and paid over the API
// reaches a rule on payment/received. The tenant clock is started with the rules' offsets.
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config.js';
import { DEMO } from '../../src/seed.js';
import { startRecflowStack, type RecflowStack } from '../support/recflow-process.js';

describe('domain events through recflow start', () => {
  let stack: RecflowStack;
  let sink: RecflowStack['sink'];
  let apiUrl: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    stack = await startRecflowStack('recflow-triggers-', async (dataDir) => {
      const rulesDir = path.join(dataDir, 'rules');
      await cp(path.join(projectRoot, 'rules'), rulesDir, { recursive: true });
      await writeFile(path.join(rulesDir, 'welcome.yaml'), 'id: welcome\nmode: single\nwhen: { event: opportunity/created }\nsteps:\n  - action: send-email\n    template: payment-reminder\n    to: contact\n');
      await writeFile(path.join(rulesDir, 'thanks.yaml'), 'id: thanks\nmode: parallel\nwhen: { event: payment/received }\nsteps:\n  - action: send-email\n    template: invoice-reminder\n    to: accounting\n');
      return { RULES_DIR: rulesDir };
    });
    ({ sink, apiUrl } = stack);
    auth = { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' };
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const post = async (p: string, body: unknown) => {
    const res = await fetch(`${apiUrl}${p}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it('a card created over the API fires its rule (the dispatcher is nudged by the request)', async () => {
    const started = Date.now();
    const created = await post('/v1/opportunities', { externalId: 'crm-new-1', customerId: DEMO.customerId, title: 'Atelier de ciocolată', amountMinor: 45_000, currency: 'RON' });
    expect(created.status).toBe(201);
    const mail = await sink.waitFor((m) => (m.subject ?? '').includes('Atelier de ciocolată'), 30_000);
    const latency = Date.now() - started;
    expect(JSON.stringify(mail.to)).toContain('ana@example.ro');
    expect(latency).toBeLessThan(10_000);
    console.log(`opportunity/created → mail: ${latency} ms`);
  });

  it('an invoice paid over the API fires payment/received', async () => {
    const draft = await post('/v1/invoices', {
      customerId: DEMO.customerId, kind: 'final', lines: [{ description: 'Curs', quantity: 1, unitPriceMinor: 30_000, taxRateBp: 0 }],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const issued = await post(`/v1/invoices/${draft.body.id}/issue`, {});
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const paid = await post(`/v1/invoices/${draft.body.id}/payments`, { amountMinor: 10_000 });
    expect(paid.status, JSON.stringify(paid.body)).toBeLessThan(300);
    const mail = await sink.waitFor((m) => (m.subject ?? '').includes(issued.body.number), 30_000);
    expect(JSON.stringify(mail.to)).toContain('contabilitate@example.ro');
  });
});
