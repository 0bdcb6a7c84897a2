import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, readDemoToken } from '../../src/seed.js';
import type { RuleRunResult } from '../../workflows/types.js';
import { pdfToText } from '../support/pdf-text.js';
import { freePort } from '../../src/platform/processes.js';
import { spawnRecflow, type RecflowProcess } from '../support/recflow-process.js';
import { startSmtpSink } from '../support/smtp-sink.js';

// Drives exactly what `npm start` starts: its own Temporal dev server, SQLite, worker and
// API, in a fresh data folder, mailing to a real SMTP server on loopback.
describe('first thread: status change → row, PDF, mail', () => {
  let dataDir: string;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let recflow: RecflowProcess;
  let apiUrl: string;
  let env: Record<string, string>;
  let temporalPort: number;
  let auth: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-e2e-'));
    sink = await startSmtpSink();
    temporalPort = await freePort();
    env = {
      RECFLOW_DATA_DIR: dataDir,
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(await freePort()),
      PORT: String(await freePort()),
      SMTP_URL: sink.url,
    };
    recflow = spawnRecflow(env);
    ({ apiUrl } = await recflow.ready);
    auth = { authorization: `Bearer ${readDemoToken(dataDir)}` };
  });

  afterAll(async () => {
    recflow?.child.kill('SIGKILL');
    await sink?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = (route: string, body: unknown) =>
    fetch(`${apiUrl}${route}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('prints where everything is and the sample command', () => {
    const out = recflow.output();
    expect(out).toContain(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}`);
    expect(out).toContain(sink.url.replace('smtp://', ''));
    expect(out).toContain(`/v1/opportunities/${DEMO.opportunityId}/status`);
  });

  it('runs the rule once per event and mails the PDF', async () => {
    const route = `/v1/opportunities/${DEMO.opportunityId}/status`;
    const first = await post(route, { status: 'won', eventId: 'crm-4711' });
    expect(first.status).toBe(200);
    const fired = (await first.json()) as { runs: { workflowId: string; started: boolean; url: string }[] };
    expect(fired.runs).toHaveLength(1);
    expect(fired.runs[0]!.started).toBe(true);
    expect(fired.runs[0]!.url).toContain(`/namespaces/default/workflows/`);

    const again = (await (await post(route, { status: 'won', eventId: 'crm-4711' })).json()) as typeof fired;
    expect(again.runs).toEqual([{ ...fired.runs[0]!, started: false }]);

    const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    try {
      const client = new Client({ connection });
      const handle = client.workflow.getHandle(fired.runs[0]!.workflowId);
      const result = (await handle.result()) as RuleRunResult;
      const { messageId } = result.emails[0]!;
      const description = await handle.describe();
      expect(description.status.name).toBe('COMPLETED');
      const attrs = Object.fromEntries(description.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value]));
      expect(attrs).toMatchObject({
        RuleId: 'opportunity-won-confirmation',
        OpportunityId: DEMO.opportunityId,
        CustomerId: DEMO.customerId,
      });

      const mail = await sink.waitFor((m) => m.messageId === messageId);
      expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('contabilitate@example.ro');
      // The customer's language is ro: the Romanian variants of the templates.
      expect(mail.subject).toBe('Comanda dumneavoastră: Curs de patiserie — grupa de toamnă');
      expect(mail.attachments).toHaveLength(1);
      const text = await pdfToText(mail.attachments[0]!.content);
      expect(text).toContain('Confirmarea comenzii');
      expect(text).toContain('Curs de patiserie — grupa de toamnă');
      expect(text).toContain('RON 1,200.00');
      expect(sink.count((m) => m.messageId === messageId)).toBe(1);

      // Started eagerly: the worker in the same process got the first workflow task in the
      // start answer, recorded with the start itself (through task matching it takes longer).
      const [started, , taskStarted] = (await handle.fetchHistory()).events!;
      const ms = (e: typeof started) => Number(e!.eventTime!.seconds) * 1000 + (e!.eventTime!.nanos ?? 0) / 1e6;
      expect(taskStarted!.workflowTaskStartedEventAttributes).toBeTruthy();
      expect(ms(taskStarted) - ms(started)).toBeLessThan(1);
    } finally {
      await connection.close();
    }
  });

  it('answers a malformed body with 400 naming the field', async () => {
    const res = await post(`/v1/opportunities/${DEMO.opportunityId}/status`, { status: 42 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('invalid_request');
    expect(body.message).toMatch(/^status: /);
  });

  it('stops cleanly on Ctrl-C and keeps its data on the next start', async () => {
    recflow.child.kill('SIGINT');
    expect(await recflow.exited).toBe(0);
    recflow = spawnRecflow(env);
    ({ apiUrl } = await recflow.ready);
    auth = { authorization: `Bearer ${readDemoToken(dataDir)}` };
    expect(recflow.output()).not.toContain('seeded the demo business');
    const res = await fetch(`${apiUrl}/v1/opportunities/${DEMO.opportunityId}`, { headers: auth });
    expect(((await res.json()) as { status: string }).status).toBe('won');
  });
});
