// The runtime wiring through `recflow start` on a real dev server: a new card over the API
// writes opportunity/created to the outbox, the API process's dispatcher (nudged by the
// request) fires the rule, and the mail arrives; an invoice issued and paid over the API
// reaches a rule on payment/received. The tenant clock is started with the rules' offsets.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config.js';
import { freePort } from '../../src/platform/processes.js';
import { DEMO, readDemoToken } from '../../src/seed.js';
import { spawnRecflow, type RecflowProcess } from '../support/recflow-process.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

describe('domain events through recflow start', () => {
  let dataDir: string;
  let sink: SmtpSink;
  let recflow: RecflowProcess;
  let apiUrl: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-triggers-'));
    const rulesDir = path.join(dataDir, 'rules');
    await cp(path.join(projectRoot, 'rules'), rulesDir, { recursive: true });
    await writeFile(path.join(rulesDir, 'welcome.yaml'), 'id: welcome\nmode: single\nwhen: { event: opportunity/created }\nsteps:\n  - action: send-email\n    template: payment-reminder\n    to: contact\n');
    await writeFile(path.join(rulesDir, 'thanks.yaml'), 'id: thanks\nmode: parallel\nwhen: { event: payment/received }\nsteps:\n  - action: send-email\n    template: invoice-reminder\n    to: accounting\n');
    sink = await startSmtpSink();
    recflow = spawnRecflow({
      RECFLOW_DATA_DIR: dataDir,
      RULES_DIR: rulesDir,
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      PORT: String(await freePort()),
      SMTP_URL: sink.url,
    });
    ({ apiUrl } = await recflow.ready);
    auth = { authorization: `Bearer ${readDemoToken(dataDir)}`, 'content-type': 'application/json' };
  }, 240_000);

  afterAll(async () => {
    recflow?.child.kill('SIGINT');
    await recflow?.exited;
    await sink?.stop();
    await rm(dataDir, { recursive: true, force: true });
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
