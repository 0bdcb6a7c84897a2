// The dunning run end to end through the API: preview, process as a workflow on the
// Temporal dev server (recflow's search attributes registered) with a real worker, SQLite and a real SMTP server; drafts
// approved through the API; stops; the aging report; the CLI on the same database.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import type { RunDeps } from '../../src/api/runs.js';
import { createApiToken } from '../../src/api/auth.js';
import { projectRoot } from '../../src/platform/config.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { createMailer, type Mailer } from '../../src/platform/mail.js';
import { migrate } from '../../src/platform/migrate.js';
import { dunningProgressQuery } from '../../workflows/dunning.js';
import { client, testApp, type Call } from '../api/support.js';
import { pdfToText } from '../support/pdf-text.js';
import { createTestSqlite } from '../support/postgres.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { quietTemporalRuntime, startTestDevServer, type TestDevServer } from '../support/temporal.js';
import { dunningTenant, RUN_DATE, type DunningWorld } from './support.js';

const run = promisify(execFile);

/** RECORD_HISTORIES=dunning-run writes the history test/workflows/replay.test.ts replays. */
async function record(name: string, handle: { fetchHistory(): Promise<unknown> }) {
  const wanted = process.env.RECORD_HISTORIES?.split(',') ?? [];
  if (!wanted.includes('1') && !wanted.includes(name)) return;
  await writeFile(path.join(projectRoot, 'test', 'fixtures', 'histories', `${name}.json`), `${JSON.stringify(await handle.fetchHistory(), null, 1)}\n`);
}

describe('dunning runs through the API and the CLI', () => {
  let server: TestDevServer;
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let temporal: Client;
  let db: Db;
  let sink: SmtpSink;
  let sqlite: { url: string; cleanup(): void };
  let dataDir: string;
  let mailer: Mailer;
  let worker: Worker;
  let running: Promise<void>;
  let w: DunningWorld;
  let api: Call;
  const taskQueue = `dunning-${Date.now()}`;

  beforeAll(async () => {
    quietTemporalRuntime();
    sqlite = createTestSqlite();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-dunning-run-'));
    [server, sink] = await Promise.all([startTestDevServer(), startSmtpSink(), migrate(sqlite.url)]);
    connection = await Connection.connect({ address: server.address });
    nativeConnection = await NativeConnection.connect({ address: server.address });
    temporal = new Client({ connection });
    db = await createDb(sqlite.url);
    w = await dunningTenant(db);
    mailer = createMailer({ dataDir, smtpUrl: sink.url, mailFrom: 'billing@recflow.test' }, () => {});
    worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowsPath: path.join(projectRoot, 'workflows', 'index.ts'),
      activities: createActivities({ db, mailer, dataDir, mailFrom: 'billing@recflow.test', mailDomain: 'recflow.test' }),
    });
    running = worker.run();
    const { token } = await createApiToken(db, w.tenant.id, 'test');
    const runs = { client: temporal, taskQueue } as unknown as RunDeps;
    api = client(testApp(db, { runs, runUrl: (id) => `http://ui.test/namespaces/default/workflows/${encodeURIComponent(id)}` }), token);
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await Promise.all([connection?.close(), nativeConnection?.close()]);
    await Promise.all([server?.stop(), sink?.stop(), db?.$disconnect()]);
    mailer?.close();
    sqlite?.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('previews at once, with the stale-statement warning, and records the preview', async () => {
    const res = await api('POST', '/v1/dunning-runs', { mode: 'preview', date: RUN_DATE });
    expect(res.status).toBe(200);
    expect(res.body.preview.rows.map((r: { number: string }) => r.number).sort()).toEqual([w.invoices.a1.number, w.invoices.a2.number, w.invoices.b1.number].sort());
    expect(res.body.preview.warning).toMatch(/no bank statement/);
    expect(res.body.run).toMatchObject({ mode: 'preview', status: 'done', runDate: RUN_DATE, warning: res.body.preview.warning });
    expect(await db.reminder.count()).toBe(0);
    expect((await api('POST', '/v1/dunning-runs', { mode: 'preview', level: 4 })).status).toBe(400);
    expect((await api('POST', '/v1/dunning-runs', { mode: 'process', customerId: 'nope' })).body.message).toBe('customerId: no customer nope');
  });

  it('processes as a workflow: one letter per customer, mailed, recorded, visible on the invoice, and not again the same day', async () => {
    const res = await api('POST', '/v1/dunning-runs', { mode: 'process', level: 1, date: RUN_DATE });
    expect(res.status).toBe(201);
    expect(res.body.workflowId).toBe(`dunning/${res.body.run.id}`);
    expect(res.body.url).toBe(`http://ui.test/namespaces/default/workflows/${encodeURIComponent(res.body.workflowId)}`);
    const handle = temporal.workflow.getHandle(res.body.workflowId);
    const result = await handle.result();
    expect(result).toMatchObject({ phase: 'done', customersTotal: 2, customersDone: 2, letters: 2, sent: 2, drafts: 0 });
    await record('dunning-run', handle);
    expect(await handle.query(dunningProgressQuery)).toMatchObject({ phase: 'done', letters: 2, warning: expect.stringMatching(/no bank statement/) });
    const desc = await handle.describe();
    expect(desc.typedSearchAttributes.getAll().find((p) => p.key.name === 'DunningLevel')?.value).toBe(1);

    const got = await api('GET', `/v1/dunning-runs/${res.body.run.id}`);
    expect(got.body.run).toMatchObject({ status: 'done', warning: expect.stringMatching(/no bank statement/), summary: { letters: 2, sent: 2, drafts: 0, partsRecorded: 3, held: 2 } });
    expect(got.body.run.finishedAt).not.toBeNull();

    const mueller = sink.messages.filter((m) => m.headers.get('x-recflow-key') === `dunning:${w.mueller.id}:1:${RUN_DATE}`);
    expect(mueller).toHaveLength(1);
    const text = await pdfToText(new Uint8Array(mueller[0]!.attachments[0]!.content));
    for (const n of [w.invoices.a1.number, w.invoices.a2.number, w.invoices.a3.number]) expect(text).toContain(n!);
    expect(sink.count((m) => m.headers.get('x-recflow-key') === `dunning:${w.stefan.id}:1:${RUN_DATE}`)).toBe(1);
    expect(sink.count((m) => String(m.headers.get('x-recflow-key')).includes(w.stopped.id))).toBe(0);

    const a1 = await api('GET', `/v1/invoices/${w.invoices.a1.id}`);
    expect(a1.body).toMatchObject({ status: 'reminded', reminderCount: 1, statusLabel: 'Reminder 1 sent' });
    expect(await db.reminder.count({ where: { runId: res.body.run.id } })).toBe(3);

    const mails = sink.count();
    const again = await api('POST', '/v1/dunning-runs', { mode: 'process', level: 1, date: RUN_DATE });
    await temporal.workflow.getHandle(again.body.workflowId).result();
    expect((await api('GET', `/v1/dunning-runs/${again.body.run.id}`)).body.run.summary).toMatchObject({ letters: 0, sent: 0, partsRecorded: 0 });
    expect(sink.count()).toBe(mails);
  });

  it('holds drafts until they are approved through the API', async () => {
    const mails = sink.count();
    const res = await api('POST', '/v1/dunning-runs', { mode: 'process', level: 2, date: '2026-04-20', delivery: 'draft' });
    await temporal.workflow.getHandle(res.body.workflowId).result();
    const got = await api('GET', `/v1/dunning-runs/${res.body.run.id}`);
    expect(got.body.run.summary).toMatchObject({ letters: 2, sent: 0, drafts: 2, partsRecorded: 0 });
    expect(sink.count()).toBe(mails);
    expect((await api('GET', `/v1/invoices/${w.invoices.a1.id}`)).body.reminderCount).toBe(1);

    const released = await api('POST', `/v1/dunning-runs/${res.body.run.id}/letters`, { action: 'approve' });
    expect(released.status).toBe(200);
    expect(released.body.results.map((r: { status: string }) => r.status)).toEqual(['sent', 'sent']);
    expect(sink.count()).toBe(mails + 2);
    expect((await api('GET', `/v1/invoices/${w.invoices.a1.id}`)).body).toMatchObject({ reminderCount: 2, statusLabel: 'Reminder 2 sent' });
    const fees = await db.reminder.findMany({ where: { level: 2 }, orderBy: { feeMinor: 'asc' } });
    expect(fees.map((r) => Number(r.feeMinor))).toEqual([500, 4000, 4000]);
    expect((await api('POST', `/v1/dunning-runs/${res.body.run.id}/letters`, { action: 'discard' })).status).toBe(422);
  });

  it('sets and lifts dunning stops through the API, audited', async () => {
    expect((await api('PUT', `/v1/customers/${w.stefan.id}/dunning-stop`, { reason: 'Ratenzahlung' })).body).toEqual({ id: w.stefan.id, dunningStop: 'Ratenzahlung' });
    // B1's level-2 letter was approved today (sentOn = the approval day), so level 3 is due 15 days later.
    const p = await api('POST', '/v1/dunning-runs', { mode: 'preview', customerId: w.stefan.id, date: '2027-01-31' });
    expect(p.body.preview.rows).toEqual([]);
    expect(p.body.preview.held[0].why).toBe('dunning stop on the customer: Ratenzahlung');
    expect((await api('DELETE', `/v1/customers/${w.stefan.id}/dunning-stop`)).body).toEqual({ id: w.stefan.id, dunningStop: null });
    expect((await api('PUT', `/v1/invoices/${w.invoices.b1.id}/dunning-stop`, { reason: 'bestritten' })).status).toBe(200);
    expect((await api('PUT', `/v1/invoices/${w.invoices.b1.id}/dunning-stop`, {})).status).toBe(400);
    expect((await api('PUT', '/v1/invoices/nope/dunning-stop', { reason: 'x' })).status).toBe(404);
    const audit = await db.auditEvent.findMany({ where: { action: { startsWith: 'dunning-stop' } }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.entity, a.action])).toEqual([['customer', 'dunning-stop-set'], ['customer', 'dunning-stop-lifted'], ['invoice', 'dunning-stop-set']]);
  });

  it('answers the aging report as JSON and CSV', async () => {
    const json = await api('GET', `/v1/reports/aging?date=${RUN_DATE}`);
    expect(json.body.totals).toEqual([{ currency: 'EUR', buckets: { notDue: 0, days1to30: 200_000, days31to60: 190_000, days61to90: 0, over90: 0 }, totalMinor: 390_000, items: 6 }]);
    const csv = await api('GET', `/v1/reports/aging?format=csv&date=${RUN_DATE}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = new TextDecoder().decode(csv.body as ArrayBuffer).trim().split('\r\n');
    expect(lines[0]).toBe('customer_id,customer_name,currency,not_due,1-30,31-60,61-90,over_90,total');
    expect(lines).toContain('TOTAL,,EUR,0.00,2000.00,1900.00,0.00,0.00,3900.00');
    expect((await api('GET', '/v1/reports/aging?date=tomorrow')).status).toBe(400);
  });

  it('prints the preview table and the aging report from the CLI', async () => {
    const env = { ...process.env, DATABASE_URL: sqlite.url };
    const cli = (...args: string[]) => run(process.execPath, [path.join(projectRoot, 'bin/recflow.mjs'), ...args], { cwd: projectRoot, env });
    const preview = (await cli('dunning', 'preview', '--tenant', w.tenant.slug, '--date', '2026-06-01')).stdout;
    expect(preview).toContain('Dunning preview for 2026-06-01');
    expect(preview).toMatch(/⚠ no bank statement has been imported/);
    expect(preview).toMatch(/customer\s+invoice\s+part\s+level\s+days\s+open\s+fee\s+interest/);
    expect(preview).toContain('Held:');
    expect(preview).toContain('dunning stop on the invoice: bestritten');
    const aging = (await cli('reports', 'aging', '--tenant', w.tenant.slug, '--date', RUN_DATE)).stdout;
    expect(aging.split('\r\n')).toContain('TOTAL,,EUR,0.00,2000.00,1900.00,0.00,0.00,3900.00');
    const json = JSON.parse((await cli('reports', 'aging', '--tenant', w.tenant.slug, '--date', RUN_DATE, '--format', 'json')).stdout);
    expect(json.totals[0].totalMinor).toBe(390_000);
    await expect(cli('dunning', 'preview', '--tenant', w.tenant.slug, '--level', '4')).rejects.toMatchObject({ stderr: expect.stringContaining('error: --level "4": use 1, 2 or 3') });
  }, 60_000);

  it('processes from the CLI: prints the warning, the Web UI link and the summary', async () => {
    const env = { ...process.env, DATABASE_URL: sqlite.url, TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: taskQueue, TEMPORAL_UI_URL: 'http://ui.test' };
    const { stdout } = await run(process.execPath, [path.join(projectRoot, 'bin/recflow.mjs'), 'dunning', 'process', '--tenant', w.tenant.slug, '--customer', w.mueller.id, '--level', '1', '--date', '2027-01-31'], { cwd: projectRoot, env });
    const id = /dunning run (\S+) started \(2027-01-31, send\)/.exec(stdout)?.[1];
    expect(id, stdout).toBeDefined();
    expect(stdout).toContain('⚠ no bank statement has been imported');
    expect(stdout).toContain(`http://ui.test/namespaces/default/workflows/${encodeURIComponent(`dunning/${id}`)}`);
    // Only A2's remaining part was never reminded; A1 and A2's prepayment are at other levels.
    expect(stdout).toContain(`dunning run ${id} done: 1 letter(s), 1 sent, 0 draft(s) awaiting approval; 1 invoice part(s) recorded`);
    expect(sink.count((m) => m.headers.get('x-recflow-key') === `dunning:${w.mueller.id}:1:2027-01-31`)).toBe(1);
    expect(await db.reminder.findFirstOrThrow({ where: { runId: id } })).toMatchObject({ invoiceId: w.invoices.a2.id, part: 'remaining', level: 1 });
  }, 60_000);
});
