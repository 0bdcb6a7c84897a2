import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { createApp } from './api/app.js';
import { currentTenantId } from './api/auth.js';
import { startClocks } from './engine/clock.js';
import { Dispatcher } from './engine/dispatcher.js';
import { fireEvent, type FireOptions } from './engine/fire.js';
import { dbListeners, registerRunning } from './engine/listeners.js';
import { clockOffsets } from './engine/match.js';
import { RuleRegistry } from './engine/registry.js';
import { syncRuleSchedules } from './engine/schedules.js';
import type { RecflowEvent } from './events/catalog.js';
import { cachedWorkflowBundle } from './platform/bundle.js';
import type { Config } from './platform/config.js';
import { createDb, type Db } from './platform/db.js';
import { startDevServer } from './platform/dev-server.js';
import { createMailer, domainOf } from './platform/mail.js';
import { migrate } from './platform/migrate.js';
import { resolveTemporalCli } from './platform/temporal-cli.js';
import { connectTemporal } from './platform/temporal-connection.js';
import type { CompiledRule } from './rules/snapshot.js';
import { seedDemo } from './seed.js';
import { createWorker } from './worker.js';

export type Log = (message: string) => void;

export interface Running {
  apiUrl: string;
  temporalAddress: string;
  uiUrl: string | undefined;
  mailTarget: string;
  db: Db;
  stop(): Promise<void>;
}

/**
 * Starts everything `npm start` runs: Temporal (a dev server unless TEMPORAL_ADDRESS is
 * set), migrations, demo data, the worker and the HTTP API. Stops in reverse order.
 */
export async function startRecflow(config: Config, log: Log, parts = { api: true, worker: true }): Promise<Running> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err) => log(`stop: ${(err as Error).message}`));
  };
  try {
    await mkdir(config.dataDir, { recursive: true });

    let address = config.temporal.address;
    let uiUrl = config.temporal.uiUrl;
    if (!address) {
      const cliPath = await resolveTemporalCli(config, log);
      const server = await startDevServer({
        cliPath,
        dataDir: config.dataDir,
        port: config.temporal.devServerPort,
        uiPort: config.temporal.uiPort,
        namespace: config.temporal.namespace,
        log,
      });
      stops.push(() => server.stop());
      address = server.address;
      uiUrl = server.uiUrl;
    }

    const { applied } = await migrate(config.databaseUrl);
    log(applied.length ? `database migrated: ${applied.join(', ')}` : 'database schema up to date');
    const db = await createDb(config.databaseUrl);
    stops.push(() => db.$disconnect());
    if ((await seedDemo(db)).created) log('seeded the demo business (first start)');

    const temporal = await connectTemporal({ ...config, temporal: { ...config.temporal, address } });
    stops.push(async () => {
      await temporal.connection.close();
      await temporal.nativeConnection.close();
    });
    const namespace = config.temporal.namespace;
    const mailer = createMailer(config, log);
    stops.push(async () => mailer.close());

    if (parts.worker) {
      const bundlePath =
        config.workflowBundle ?? (await cachedWorkflowBundle(path.join(config.dataDir, 'build')));
      const worker: Worker = await createWorker({
        connection: temporal.nativeConnection,
        namespace,
        taskQueue: config.temporal.taskQueue,
        bundlePath,
        deps: { db, mailer, dataDir: config.dataDir, mailFrom: config.mailFrom, mailDomain: domainOf(config.mailFrom) },
      });
      const running = worker.run();
      stops.push(async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      });
      log(`worker polling task queue "${config.temporal.taskQueue}"`);
    }

    let apiUrl = '';
    if (parts.api) {
      // With the worker here, the worker's connection: rule runs can start eagerly (fire.ts).
      const client = new Client({ connection: parts.worker ? temporal.nativeConnection : temporal.connection, namespace });
      const taskQueue = config.temporal.taskQueue;
      // The tenant clocks (invoice/due-soon, invoice/overdue) learn the offsets the rules use.
      const tellClocks = async (rules: CompiledRule[]) => void (await startClocks(client, taskQueue, db, clockOffsets(rules)));
      // Rules with a schedule trigger get a Temporal Schedule each, kept in step on every reload.
      const onRules = async (rules: CompiledRule[]) => {
        await tellClocks(rules);
        await syncRuleSchedules({ client, taskQueue, db, rules, log });
      };
      const registry = new RuleRegistry(config.rulesDir, log, onRules);
      const { rules } = await registry.reload();
      log(`loaded ${rules} rule(s) from ${config.rulesDir}; watching it for changes`);
      registry.watch();
      stops.push(() => registry.close());
      await onRules(registry.rules());
      // Runs that wait for events, written down as they start; those Temporal has running
      // now (an older recflow started them) are written down before any event is fired,
      // and again every 10 minutes (an older recflow may still run beside this one during
      // an upgrade), which also forgets rows of runs that ended without another event.
      const listeners = dbListeners(db);
      const listRunning = async (first: boolean) => {
        const known = await registerRunning(client, listeners, registry.rules());
        if ((first && known.running) || known.pruned) log(`${known.running} running rule run(s) listen for events; ${known.pruned} ended one(s) forgotten`);
      };
      await listRunning(true);
      const relist = setInterval(() => listRunning(false).catch((err: Error) => log(`listing running rule runs: ${err.message}`)), 10 * 60_000);
      relist.unref();
      stops.push(async () => clearInterval(relist));
      // Domain events (invoices, payments, dunning, clocks, new cards) fire rules from the outbox.
      const eager = parts.worker;
      const fire = (event: RecflowEvent, opts: FireOptions = {}) => fireEvent(client, taskQueue, registry.rules(), event, { ...opts, eager, listeners });
      const dispatcher = new Dispatcher({ db, fire, log });
      dispatcher.start();
      stops.push(() => dispatcher.stop());
      const runUrl = (workflowId: string) =>
        uiUrl ? `${uiUrl}/namespaces/${namespace}/workflows/${encodeURIComponent(workflowId)}` : workflowId;
      const app = createApp({
        db,
        tenantId: currentTenantId,
        fire,
        nudge: () => dispatcher.nudge(),
        runUrl,
        newId: randomUUID,
        runs: {
          client,
          taskQueue: config.temporal.taskQueue,
          listeners,
          rules: () => registry.rules(),
          tenantId: currentTenantId,
          runUrl,
          newId: randomUUID,
          opportunity: (id) => db.opportunity.findFirst({ where: { id, tenantId: currentTenantId() }, select: { id: true, customerId: true } }),
        },
      });
      const server: ServerType = await new Promise((resolve) => {
        const s = serve({ fetch: app.fetch, hostname: config.api.host, port: config.api.port }, () => resolve(s));
      });
      stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.api.port;
      apiUrl = `http://${config.api.host === '0.0.0.0' ? 'localhost' : config.api.host}:${port}`;
    }

    return {
      apiUrl,
      temporalAddress: address,
      uiUrl,
      mailTarget: config.smtpUrl ? config.smtpUrl.replace(/\/\/[^@]*@/, '//') : path.join(config.dataDir, 'mail'),
      db,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
