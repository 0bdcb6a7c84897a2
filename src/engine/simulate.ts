import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { z } from 'zod';
import { createActivities } from '../../activities/index.js';
import type { OpportunityStatusChanged, RecflowEvent } from '../events/catalog.js';
import type { Config } from '../platform/config.js';
import { createDb } from '../platform/db.js';
import { createMailer } from '../platform/mail.js';
import { migrate } from '../platform/migrate.js';
import { cachedWorkflowBundle } from '../platform/bundle.js';
import { createTimeSkippingEnv } from '../platform/test-server.js';
import { DURATION_PATTERN, parseDuration, addDuration } from '../rules/words.js';
import type { CompiledRule } from '../rules/snapshot.js';
import { DEMO, seedDemo } from '../seed.js';
import { approveUpdate, eventSignal } from '../../workflows/messages.js';
import type { runRule } from '../../workflows/run-rule.js';
import { invoiceFiring, invoiceSpec, invoiceTrigger, pay, paymentLater, paymentText, type SimInvoice } from './simulate-invoice.js';
import { timeline, type TimelineEntry } from './timeline.js';

const duration = z.string().regex(new RegExp(DURATION_PATTERN), 'a duration such as 16d');
const statusChange = z.strictObject({ type: z.literal('opportunity/status-changed'), from: z.string().nullable().default(null), to: z.string() });
const later = z.union([
  statusChange.extend({ after: duration }),
  z.strictObject({ after: duration, approval: z.enum(['approve', 'reject']), by: z.string().default('owner') }),
  paymentLater,
]);
/**
 * A simulation file: the firing event, what happens later (status changes, approvals,
 * payments), and for invoice events the invoice (amount, payment term).
 */
export const simulationFile = z.strictObject({
  event: z.union([statusChange, z.strictObject({ type: z.literal('manual') }), invoiceTrigger]),
  invoice: invoiceSpec.default({ 'due-in': '14d' }),
  later: z.array(later).default([]),
});
export type Simulation = z.output<typeof simulationFile>;

/**
 * Runs one rule on a time-skipped clock with the real activities, against a throwaway
 * SQLite database holding the demo business and a mail folder, and returns the timeline.
 */
export async function simulate(config: Config, rule: CompiledRule, sim: Simulation): Promise<{ lines: string[]; mailDir: string }> {
  quietRuntime();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'recflow-simulate-'));
  const databaseUrl = `file:${path.join(dir, 'simulation.db')}`;
  const [testEnv] = await Promise.all([createTimeSkippingEnv(config), migrate(databaseUrl)]);
  const db = await createDb(databaseUrl);
  const mailer = createMailer({ dataDir: dir, smtpUrl: undefined, mailFrom: config.mailFrom }, () => {});
  try {
    await seedDemo(db);
    await db.tenant.update({ where: { id: DEMO.tenantId }, data: { ownerEmail: 'owner@example.com' } });
    const { env } = testEnv;
    const taskQueue = `simulate-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      // Built once per change of the sources, not on every simulation.
      workflowBundle: { codePath: await cachedWorkflowBundle(path.join(config.dataDir, 'build')) },
      activities: createActivities({ db, mailer, dataDir: dir, mailFrom: config.mailFrom, mailDomain: 'simulation.invalid' }),
    });
    const start = await env.currentTimeMs();
    let n = 0;
    const event = (e: { type: string; from?: string | null; to?: string }): RecflowEvent => {
      const base = { id: `${DEMO.opportunityId}:sim-${++n}`, tenantId: DEMO.tenantId, opportunityId: DEMO.opportunityId, customerId: DEMO.customerId };
      const occurredAt = new Date(start).toISOString();
      if (e.type === 'manual') return { ...base, type: 'manual', by: 'simulation', occurredAt };
      return { ...base, type: 'opportunity/status-changed', from: e.from ?? null, to: e.to!, occurredAt } satisfies OpportunityStatusChanged;
    };
    let invoice: SimInvoice | undefined;
    let first: RecflowEvent;
    if (sim.event.type === 'manual' || sim.event.type === 'opportunity/status-changed') first = event(sim.event);
    else ({ invoice, event: first } = await invoiceFiring(db, sim.event, sim.invoice, start));
    const extra: TimelineEntry[] = [];
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof runRule>('runRule', { taskQueue, workflowId: `simulate/${rule.id}`, args: [{ rule, event: first }] });
      const steps = sim.later.map((l) => ({ ...l, at: addDuration(start, parseDuration(l.after)!) })).sort((a, b) => a.at - b.at);
      for (const step of steps) {
        await env.sleep(Math.max(0, step.at - (await env.currentTimeMs())));
        if ('approval' in step) {
          const ok = await handle.executeUpdate(approveUpdate, { args: [{ id: `sim-${++n}`, decision: step.approval, by: step.by }] }).then(() => true, () => false);
          extra.push({ ms: step.at - start, text: `${step.by} ${step.approval === 'approve' ? 'approves' : 'rejects'}${ok ? '' : ' (no approval was pending)'}` });
        } else if ('payment' in step) {
          if (!invoice) throw new Error('a payment later in the simulation needs an invoice event (invoice/…) as the firing event');
          for (const e of await pay(db, invoice, step.payment, step.at)) await handle.signal(eventSignal, e);
          extra.push({ ms: step.at - start, text: paymentText(invoice, step.payment) });
        } else {
          const e = event(step) as OpportunityStatusChanged;
          await handle.signal(eventSignal, e);
          extra.push({ ms: step.at - start, text: `the opportunity moves ${e.from ?? '(new)'} → ${e.to}` });
        }
      }
      return handle.result();
    });
    const fired =
      first.type === 'opportunity/status-changed' ? `fired: opportunity ${first.from ?? '(new)'} → ${first.to}`
      : invoice ? `fired: ${first.type} for ${invoice.number} (due ${invoice.dueDate})`
      : 'fired by hand';
    return { lines: timeline(start, fired, result, extra), mailDir: path.join(dir, 'mail') };
  } finally {
    await db.$disconnect();
    mailer.close();
    await testEnv.stop();
    if (!process.env.RECFLOW_SIMULATE_KEEP) await rm(dir, { recursive: true, force: true });
  }
}

/** The timeline is the output: the SDK's own lines would drown it. */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
  } catch {
    // Installed already (tests): keep that one.
  }
}
