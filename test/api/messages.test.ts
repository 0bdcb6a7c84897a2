// Held rule mail over the API: a tenant in draft mode gets its send-email mail held in the
// outbox; the API lists it, approves it (sent once, through a workflow on a real dev
// server and worker, to a real SMTP server) or discards it; another tenant sees none of it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { sendEmail } from '../../activities/email.js';
import type { RunDeps } from '../../src/api/runs.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { createMailer, type Mailer } from '../../src/platform/mail.js';
import { migrate } from '../../src/platform/migrate.js';
import { createTestSqlite } from '../support/postgres.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { quietTemporalRuntime, startTestDevServer, type TestDevServer } from '../support/temporal.js';
import { client, tenantWithToken, testApp, type Call } from './support.js';

describe('held mail through the API', () => {
  let server: TestDevServer;
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let db: Db;
  let sink: SmtpSink;
  let sqlite: { url: string; cleanup(): void };
  let dataDir: string;
  let mailer: Mailer;
  let worker: Worker;
  let running: Promise<void>;
  let api: Call;
  let other: Call;
  let send: ReturnType<typeof sendEmail>;
  let tenantId: string;
  const taskQueue = `messages-${Date.now()}`;
  const facts = { customer: { name: 'Ana' } } as never;

  beforeAll(async () => {
    quietTemporalRuntime();
    sqlite = createTestSqlite();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-messages-'));
    [server, sink] = await Promise.all([startTestDevServer(), startSmtpSink(), migrate(sqlite.url)]);
    connection = await Connection.connect({ address: server.address });
    nativeConnection = await NativeConnection.connect({ address: server.address });
    db = await createDb(sqlite.url);
    mailer = createMailer({ dataDir, smtpUrl: sink.url, mailFrom: 'billing@recflow.test' }, () => {});
    const deps = { db, mailer, dataDir, mailFrom: 'billing@recflow.test', mailDomain: 'recflow.test' };
    send = sendEmail(deps);
    worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowBundle: { codePath: inject('workflowBundle') }, activities: createActivities(deps) });
    running = worker.run();
    const a = await tenantWithToken(db, 'held-a');
    const b = await tenantWithToken(db, 'held-b');
    tenantId = a.tenant.id;
    await db.tenant.update({ where: { id: tenantId }, data: { ruleMailDelivery: 'draft' } });
    const runs = { client: new Client({ connection }), taskQueue } as unknown as RunDeps;
    const app = testApp(db, { runs });
    api = client(app, a.token);
    other = client(app, b.token);
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await Promise.all([connection?.close(), nativeConnection?.close()]);
    await Promise.all([server?.stop(), sink?.stop(), db?.$disconnect()]);
    mailer?.close();
    sqlite?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const hold = (key: string) => send({ key, to: ['ana@example.ro'], subject: 'Hello {{customer.name}}', body: 'Text for {{customer.name}}', facts, attachmentKeys: [], tenantId });

  it('lists a held mail, approves it once, and refuses to discard it afterwards', async () => {
    expect((await hold('rule:welcome:event:e1:step:0')).status).toBe('draft');
    const drafts = await api('GET', '/v1/messages?status=draft');
    expect(drafts.body.items).toHaveLength(1);
    const [held] = drafts.body.items;
    expect(held).toMatchObject({ key: 'rule:welcome:event:e1:step:0', subject: 'Hello Ana', to: ['ana@example.ro'], status: 'draft' });
    expect((await other('GET', '/v1/messages')).body.items).toEqual([]);
    expect((await other('POST', `/v1/messages/${held.id}/approve`)).status).toBe(404);
    expect(sink.messages).toHaveLength(0);

    const approved = await api('POST', `/v1/messages/${held.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('sent');
    expect((await api('POST', `/v1/messages/${held.id}/approve`)).body.status).toBe('sent'); // again: nothing new
    expect(sink.messages.filter((m) => m.subject === 'Hello Ana')).toHaveLength(1);
    const refused = await api('POST', `/v1/messages/${held.id}/discard`);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/is sent; only drafts/);
  });

  it('discards a held mail for good', async () => {
    await hold('rule:welcome:event:e2:step:0');
    const [held] = (await api('GET', '/v1/messages?status=draft')).body.items;
    expect((await api('POST', `/v1/messages/${held.id}/discard`)).body.status).toBe('discarded');
    const again = await api('POST', `/v1/messages/${held.id}/approve`);
    expect(again.status).toBe(422);
    expect(again.body.message).toMatch(/discarded/);
    expect(sink.messages.filter((m) => m.text?.includes('e2'))).toHaveLength(0);
    expect((await api('GET', '/v1/messages?status=sent')).body.items).toHaveLength(1);
  });
});
