// One test bed per test FILE: the time-skipping server (a JVM), a migrated SQLite file
// with the demo business, a real SMTP sink, and a worker running the real activities.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import type { OpportunityStatusChanged } from '../../src/events/catalog.js';
import { loadConfig, projectRoot } from '../../src/platform/config.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { createMailer } from '../../src/platform/mail.js';
import { migrate } from '../../src/platform/migrate.js';
import { createTimeSkippingEnv, type TimeSkippingEnv } from '../../src/platform/test-server.js';
import { compileRuleTexts, loadRuleSet } from '../../src/rules/load/index.js';
import { loadTemplates } from '../../src/rules/load/templates.js';
import type { CompiledRule } from '../../src/rules/snapshot.js';
import { DEMO, seedDemo } from '../../src/seed.js';
import { createTestSqlite } from '../support/postgres.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { quietTemporalRuntime } from '../support/temporal.js';

export const OWNER = 'owner@atelier-dulce.example';
const rulesDir = path.join(projectRoot, 'rules');

export interface TestBed {
  testEnv: TimeSkippingEnv;
  db: Db;
  sink: SmtpSink;
  taskQueue: string;
  /** The shipped rules in rules/. */
  shipped(id: string): Promise<CompiledRule>;
  /** Compiles one rule from YAML with the shipped templates; throws on errors. */
  compile(yaml: string): CompiledRule;
  /** A fresh status-change event for the demo opportunity. */
  statusEvent(to: string, from?: string | null): OpportunityStatusChanged;
  stop(): Promise<void>;
}

export async function startTestBed(): Promise<TestBed> {
  quietTemporalRuntime();
  const sqlite = createTestSqlite();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-wf-'));
  const [testEnv, sink] = await Promise.all([createTimeSkippingEnv(loadConfig()), startSmtpSink(), migrate(sqlite.url)]);
  const db = await createDb(sqlite.url);
  await seedDemo(db);
  await db.tenant.update({ where: { id: DEMO.tenantId }, data: { ownerEmail: OWNER } });
  const mailer = createMailer({ dataDir, smtpUrl: sink.url, mailFrom: 'recflow <billing@recflow.test>' }, () => {});
  const taskQueue = `rules-${randomUUID()}`;
  const worker = await Worker.create({
    connection: testEnv.env.nativeConnection,
    taskQueue,
    workflowsPath: path.join(projectRoot, 'workflows', 'index.ts'),
    activities: createActivities({ db, mailer, dataDir, mailFrom: 'billing@recflow.test', mailDomain: 'recflow.test' }),
  });
  const running = worker.run();
  const { templates } = await loadTemplates(path.join(rulesDir, 'templates'), (f) => f);
  let n = 0;
  return {
    testEnv,
    db,
    sink,
    taskQueue,
    shipped: async (id) => {
      const rule = (await loadRuleSet({ dir: rulesDir })).rules.find((r) => r.id === id);
      if (!rule) throw new Error(`no shipped rule ${id}`);
      return rule;
    },
    compile: (yaml) => {
      const { rules, errors } = compileRuleTexts([{ file: 'test.yaml', text: yaml }], { templates });
      if (errors.length) throw new Error(errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
      return rules[0]!;
    },
    statusEvent: (to, from = 'new') => ({
      type: 'opportunity/status-changed',
      id: `${DEMO.opportunityId}:evt-${++n}-${randomUUID().slice(0, 8)}`,
      tenantId: DEMO.tenantId,
      opportunityId: DEMO.opportunityId,
      customerId: DEMO.customerId,
      from,
      to,
      occurredAt: new Date(Date.UTC(2026, 2, 2, 9)).toISOString(),
    }),
    stop: async () => {
      worker.shutdown();
      await running;
      await Promise.all([testEnv.stop(), sink.stop(), db.$disconnect()]);
      mailer.close();
      sqlite.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
