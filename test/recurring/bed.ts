// A real dev server (the time-skipping test server has no schedules), a real SQLite file,
// a real SMTP sink and a worker loading the test bundle: what recurring-invoice tests share.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type ScheduleHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { createDraft, issueInvoice } from '../../src/invoicing/index.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { createMailer } from '../../src/platform/mail.js';
import { migrate } from '../../src/platform/migrate.js';
import type { RecurringContext } from '../../src/recurring/service.js';
import { createTestSqlite } from '../support/postgres.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { quietTemporalRuntime, startTestDevServer, type TestDevServer } from '../support/temporal.js';

export interface Bed {
  server: TestDevServer;
  client: Client;
  db: Db;
  databaseUrl: string;
  sink: SmtpSink;
  taskQueue: string;
  dataDir: string;
  ctx: RecurringContext;
  /** Starts a worker (again); returns a function that stops it. */
  startWorker(): Promise<() => Promise<void>>;
  stop(): Promise<void>;
}

export async function startBed(): Promise<Bed> {
  quietTemporalRuntime();
  const sqlite = createTestSqlite();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-recurring-'));
  const [server, sink] = await Promise.all([startTestDevServer(), startSmtpSink(), migrate(sqlite.url)]);
  const db = await createDb(sqlite.url);
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const taskQueue = `recurring-${randomUUID()}`;
  const mailer = createMailer({ dataDir, smtpUrl: sink.url, mailFrom: 'billing@recflow.test' }, () => {});
  const native = await NativeConnection.connect({ address: server.address });
  const workers: (() => Promise<void>)[] = [];
  const startWorker = async () => {
    const worker = await Worker.create({
      connection: native,
      taskQueue,
      workflowBundle: { codePath: inject('workflowBundle') },
      activities: createActivities({ db, mailer, dataDir, mailFrom: 'billing@recflow.test', mailDomain: 'recflow.test' }),
    });
    const running = worker.run();
    const stop = async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    };
    workers.push(stop);
    return stop;
  };
  return {
    server,
    client,
    db,
    databaseUrl: sqlite.url,
    sink,
    taskQueue,
    dataDir,
    ctx: { db, actor: 'test', schedules: { client, taskQueue } },
    startWorker,
    stop: async () => {
      for (const w of workers) await w();
      await native.close();
      await connection.close();
      await server.stop();
      await sink.stop();
      await db.$disconnect();
      sqlite.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A tenant in Bucharest, a customer with an accounting contact, and an issued invoice of two lines. */
export async function customerWithInvoice(db: Db) {
  const slug = `t-${randomUUID().slice(0, 8)}`;
  const tenant = await db.tenant.create({ data: { name: 'Atelier Test SRL', slug, timeZone: 'Europe/Bucharest' } });
  const customer = await db.customer.create({
    data: { tenantId: tenant.id, name: 'Ana Popescu', email: 'ana@example.ro', currency: 'RON', language: 'ro', paymentTermDays: 14, contacts: { create: [{ name: 'Contabilitate', email: 'contabil@example.ro', role: 'accounting' }] } },
  });
  const ctx = { db, actor: 'test' };
  const draft = await createDraft(ctx, {
    tenantId: tenant.id,
    customerId: customer.id,
    kind: 'final',
    lines: [
      { description: 'Abonament curs lunar', quantity: '1', unitPriceMinor: 25_000, taxRateBp: 1900 },
      { description: 'Materiale', quantity: '2', unitPriceMinor: 1_500, taxRateBp: 1900 },
    ],
  });
  const invoice = await issueInvoice(ctx, { tenantId: tenant.id, invoiceId: draft.id });
  return { tenant, customer, invoice };
}

/** Waits for every run the schedule started so far and returns their results. */
export async function scheduleRuns(client: Client, handle: ScheduleHandle, atLeast: number, timeoutMs = 60_000): Promise<unknown[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { info } = await handle.describe();
    const ids = [...new Set(info.recentActions.map((a) => a.action.workflow.workflowId))];
    if (ids.length >= atLeast) return Promise.all(ids.map((id) => client.workflow.getHandle(id).result()));
    if (Date.now() > deadline) {
      const runs = await Promise.all(ids.map(async (id) => `${id}: ${(await client.workflow.getHandle(id).describe()).status.name}`));
      throw new Error(`the schedule started ${ids.length} run(s), expected ${atLeast} (${runs.join(', ')}; running ${info.runningActions.length}, skipped for overlap ${info.numActionsSkippedOverlap})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
