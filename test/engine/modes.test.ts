import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import { createApp } from '../../src/api/app.js';
import { runCommand } from '../../src/cli/rule-runs.js';
import { createApiToken, currentTenantId } from '../../src/api/auth.js';
import { fireEvent, fireEvent as fireWith, type FiredRun } from '../../src/engine/fire.js';
import { ANY_EVENT, dbListeners, registerRunning, type RunListeners } from '../../src/engine/listeners.js';
import type { OpportunityStatusChanged, RecflowEvent } from '../../src/events/catalog.js';
import type { CompiledRule } from '../../src/rules/snapshot.js';
import { projectRoot } from '../../src/platform/config.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { createMailer } from '../../src/platform/mail.js';
import { migrate } from '../../src/platform/migrate.js';
import { compileRuleTexts } from '../../src/rules/load/index.js';
import type { Mode } from '../../src/rules/snapshot.js';
import { DEMO, seedDemo } from '../../src/seed.js';
import type { RuleRunResult } from '../../workflows/types.js';
import { createTestSqlite } from '../support/postgres.js';
import { quietTemporalRuntime, startTestDevServer, type TestDevServer } from '../support/temporal.js';

// Firing modes on a real dev server (search attributes, visibility, id policies): each
// rule's run waits for the opportunity to be paid, so firings overlap.
let server: TestDevServer;
let connection: Connection;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let db: Db;
let cleanup: () => Promise<void>;
const taskQueue = `modes-${randomUUID()}`;

beforeAll(async () => {
  quietTemporalRuntime();
  const sqlite = createTestSqlite();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-modes-'));
  [server] = await Promise.all([startTestDevServer(), migrate(sqlite.url)]);
  db = await createDb(sqlite.url);
  await seedDemo(db);
  connection = await Connection.connect({ address: server.address });
  client = new Client({ connection });
  const mailer = createMailer({ dataDir, smtpUrl: undefined, mailFrom: 'billing@recflow.test' }, () => {});
  worker = await Worker.create({
    connection: await NativeConnection.connect({ address: server.address }),
    taskQueue,
    workflowsPath: path.join(projectRoot, 'workflows', 'index.ts'),
    activities: createActivities({ db, mailer, dataDir, mailFrom: 'billing@recflow.test', mailDomain: 'recflow.test' }),
  });
  running = worker.run();
  cleanup = async () => {
    await db.$disconnect();
    sqlite.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  };
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
  await server?.stop();
  await cleanup?.();
});

const ruleFor = (mode: Mode) =>
  compileRuleTexts(
    [{ file: `${mode}.yaml`, text: `id: wait-${mode}\nmode: ${mode}\nwhen: { event: opportunity/status-changed, to: [enrolled] }\nsteps:\n  - action: wait-for-event\n    event: opportunity/status-changed\n    to: paid\n    within: 1 hour\n` }],
    { templates: new Map() },
  ).rules;
let n = 0;
const event = (to: string): OpportunityStatusChanged => ({
  type: 'opportunity/status-changed',
  id: `${DEMO.opportunityId}:m-${++n}-${randomUUID().slice(0, 6)}`,
  tenantId: DEMO.tenantId,
  opportunityId: DEMO.opportunityId,
  customerId: DEMO.customerId,
  from: 'new',
  to,
  occurredAt: new Date().toISOString(),
});
const waiting = async (ruleId: string) => {
  const ids: string[] = [];
  for await (const w of client.workflow.list({ query: `RuleId = "${ruleId}" AND ExecutionStatus = "Running"` })) ids.push(w.workflowId);
  return ids.length;
};

// Events reach waiting runs through recflow's listeners table (the engine) or, without one,
// through known ids and Temporal's visibility: both must serve every mode.
const paths: [string, () => RunListeners | undefined][] = [
  ['through visibility', () => undefined],
  ['through the listeners table', () => dbListeners(db)],
];
describe.each(paths)('firing modes, events %s', (_, listenersOf) => {
  const fireEvent = (c: Client, q: string, rules: CompiledRule[], e: RecflowEvent): Promise<FiredRun[]> => fireWith(c, q, rules, e, { listeners: listenersOf() });

  it('parallel: one run per event; the same event twice starts one; a payment reaches both', async () => {
    const rules = ruleFor('parallel');
    const e1 = event('enrolled');
    const [first] = await fireEvent(client, taskQueue, rules, e1);
    expect(first!.started).toBe(true);
    expect((await fireEvent(client, taskQueue, rules, e1))[0]).toEqual({ ...first, started: false });
    const [second] = await fireEvent(client, taskQueue, rules, event('enrolled'));
    expect(second!.workflowId).not.toBe(first!.workflowId);
    await expect.poll(() => waiting('wait-parallel'), { timeout: 20_000 }).toBe(2);
    await fireEvent(client, taskQueue, rules, event('paid'));
    for (const run of [first!, second!]) {
      const result = (await client.workflow.getHandle(run.workflowId).result()) as RuleRunResult;
      expect(result.steps.map((s) => s.outcome)).toEqual(['received']);
    }
  });

  it('single: a second event while a run goes is ignored; after it ends, a new event starts one', async () => {
    const rules = ruleFor('single');
    const e1 = event('enrolled');
    const [first] = await fireEvent(client, taskQueue, rules, e1);
    expect(first!.started).toBe(true);
    expect((await fireEvent(client, taskQueue, rules, event('enrolled')))[0]!.started).toBe(false);
    await expect.poll(() => waiting('wait-single'), { timeout: 20_000 }).toBe(1);
    await fireEvent(client, taskQueue, rules, event('paid'));
    await client.workflow.getHandle(first!.workflowId).result();
    expect((await fireEvent(client, taskQueue, rules, e1))[0]!.started).toBe(false); // a repeat of the last run's event
    expect((await fireEvent(client, taskQueue, rules, event('enrolled')))[0]!.started).toBe(true);
    await expect.poll(() => waiting('wait-single'), { timeout: 20_000 }).toBe(1);
    await fireEvent(client, taskQueue, rules, event('paid'));
    await client.workflow.getHandle(first!.workflowId).result();
  });

  it('restart: a second event ends the running run and starts anew', async () => {
    const rules = ruleFor('restart');
    const [first] = await fireEvent(client, taskQueue, rules, event('enrolled'));
    const firstRun = (await client.workflow.getHandle(first!.workflowId).describe()).runId;
    const e2 = event('enrolled');
    expect((await fireEvent(client, taskQueue, rules, e2))[0]!.started).toBe(true);
    expect((await client.workflow.getHandle(first!.workflowId, firstRun).describe()).status.name).toBe('TERMINATED');
    expect((await client.workflow.getHandle(first!.workflowId).describe()).memo).toEqual({ eventId: e2.id, tenantId: DEMO.tenantId });
    await expect.poll(() => waiting('wait-restart'), { timeout: 20_000 }).toBe(1);
    await fireEvent(client, taskQueue, rules, event('paid'));
    await client.workflow.getHandle(first!.workflowId).result();
  });

  it('queued: a second event runs after the first, with continue-as-new', async () => {
    const rules = ruleFor('queued');
    const [first] = await fireEvent(client, taskQueue, rules, event('enrolled'));
    const firstRun = (await client.workflow.getHandle(first!.workflowId).describe()).runId;
    const e2 = event('enrolled');
    expect((await fireEvent(client, taskQueue, rules, e2))[0]!.started).toBe(true);
    await expect.poll(() => waiting('wait-queued'), { timeout: 20_000 }).toBe(1);
    await fireEvent(client, taskQueue, rules, event('paid'));
    await expect.poll(async () => (await client.workflow.getHandle(first!.workflowId).describe()).runId, { timeout: 20_000 }).not.toBe(firstRun);
    expect((await client.workflow.getHandle(first!.workflowId, firstRun).describe()).status.name).toBe('CONTINUED_AS_NEW');
    await expect.poll(() => waiting('wait-queued'), { timeout: 20_000 }).toBe(1);
    await fireEvent(client, taskQueue, rules, event('paid'));
    const result = (await client.workflow.getHandle(first!.workflowId).result()) as RuleRunResult;
    expect(result.steps.map((s) => s.outcome)).toEqual(['received']);
  });
});

describe('run routes of the API', () => {
  const manual = compileRuleTexts(
    [{ file: 'manual.yaml', text: 'id: manual-release\nwhen: { event: manual }\nsteps:\n  - action: require-approval\n    within: 1 hour\n  - action: update-opportunity\n    fields: { released: true }\n' }],
    { templates: new Map() },
  ).rules;
  const app = () =>
    createApp({
      db,
      tenantId: currentTenantId,
      fire: (e) => fireEvent(client, taskQueue, manual, e),
      runUrl: (id) => `ui/${encodeURIComponent(id)}`,
      newId: randomUUID,
      runs: {
        client,
        taskQueue,
        rules: () => [...manual, ...ruleFor('parallel')],
        tenantId: currentTenantId,
        runUrl: (id) => `ui/${encodeURIComponent(id)}`,
        newId: randomUUID,
        opportunity: (id) => db.opportunity.findFirst({ where: { id }, select: { id: true, customerId: true } }),
      },
    });
  let token: string | undefined;
  const call = async (method: string, route: string, body?: unknown) => {
    token ??= (await createApiToken(db, DEMO.tenantId, 'modes test')).token;
    const res = await app().request(route, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('starts a manual rule, shows its progress, and releases its approval once', async () => {
    const started = await call('POST', '/v1/rules/manual-release/runs', { opportunityId: DEMO.opportunityId, by: 'maria' });
    expect(started.status).toBe(201);
    const route = `/v1/runs/${encodeURIComponent(String(started.body.workflowId))}`;
    await expect.poll(async () => ((await call('GET', route)).body.progress as { waiting?: { for: string } } | null)?.waiting?.for, { timeout: 20_000 }).toBe('approval');
    const decision = { decision: 'approve', by: 'maria', id: 'release-1' };
    expect((await call('POST', `${route}/approval`, decision)).body).toMatchObject({ accepted: true, step: 0 });
    expect((await call('POST', `${route}/approval`, decision)).body).toMatchObject({ accepted: true, step: 0 });
    await client.workflow.getHandle(String(started.body.workflowId)).result();
    expect((await call('GET', route)).body).toMatchObject({ status: 'COMPLETED', progress: { label: 'completed' } });
    // After the run ended: the same decision gets the same answer, a new one finds nothing to decide.
    expect((await call('POST', `${route}/approval`, decision)).body).toMatchObject({ accepted: true, step: 0 });
    const late = await call('POST', `${route}/approval`, { ...decision, id: 'release-2' });
    expect([late.status, late.body.error]).toEqual([409, 'no_pending_approval']);
    const opportunity = await db.opportunity.findUniqueOrThrow({ where: { id: DEMO.opportunityId } });
    expect(opportunity.customFields).toMatchObject({ released: true });
  });

  it('answers 409 for a run that waits for no approval and for a rule that is not manual', async () => {
    const [run] = await fireEvent(client, taskQueue, ruleFor('parallel'), event('enrolled'));
    const res = await call('POST', `/v1/runs/${encodeURIComponent(run!.workflowId)}/approval`, { decision: 'approve', by: 'x' });
    expect(res).toMatchObject({ status: 409, body: { error: 'no_pending_approval' } });
    expect((await call('POST', '/v1/rules/wait-parallel/runs', { opportunityId: DEMO.opportunityId })).status).toBe(409);
    expect((await call('GET', '/v1/runs/no-such-run')).status).toBe(404);
    await db.tenant.upsert({ where: { id: 'other-tenant' }, create: { id: 'other-tenant', name: 'Other', slug: 'other' }, update: {} });
    const other = (await createApiToken(db, 'other-tenant', 'other')).token;
    const foreign = await app().request(`/v1/runs/${encodeURIComponent(run!.workflowId)}`, { headers: { authorization: `Bearer ${other}` } });
    expect(foreign.status).toBe(404); // runs are visible to their own tenant only
    await client.workflow.getHandle(run!.workflowId).terminate('test done');
  });

  it('recflow rules progress and approve do the same from the command line', async () => {
    const started = await call('POST', '/v1/rules/manual-release/runs', { opportunityId: DEMO.opportunityId });
    const workflowId = String(started.body.workflowId);
    const lines: string[] = [];
    const log = console.log;
    process.env.TEMPORAL_ADDRESS = server.address;
    console.log = (line: string) => lines.push(line);
    try {
      await expect.poll(async () => (await client.workflow.getHandle(workflowId).query('progress') as { waiting?: unknown }).waiting, { timeout: 20_000 }).toBeTruthy();
      expect(await runCommand('progress', [workflowId], 'usage')).toBe(0);
      expect(lines.join('\n')).toContain('→ 1. wait for approval: waiting for approval until');
      expect(await runCommand('approve', [workflowId, '--by', 'cli-user'], 'usage')).toBe(0);
      expect(lines.at(-1)).toBe(`approved step 1 of ${workflowId}\n${workflowId}`);
      expect(await client.workflow.getHandle(workflowId).result()).toMatchObject({ status: 'completed' });
    } finally {
      console.log = log;
      delete process.env.TEMPORAL_ADDRESS;
    }
  });
});

describe('the listeners table', () => {
  const listeners = () => dbListeners(db, { startMarginMs: 0 });
  const rows = (workflowId: string) => db.runListener.findMany({ where: { workflowId }, select: { eventType: true, subjectId: true } });

  it('writes a waiting run down before it starts and forgets it when a signal finds it ended', async () => {
    const rules = ruleFor('parallel');
    const [run] = await fireWith(client, taskQueue, rules, event('enrolled'), { listeners: listeners() });
    expect(await rows(run!.workflowId)).toEqual([{ eventType: 'opportunity/status-changed', subjectId: `opportunity:${DEMO.opportunityId}` }]);
    await fireWith(client, taskQueue, rules, event('paid'), { listeners: listeners() });
    expect(((await client.workflow.getHandle(run!.workflowId).result()) as RuleRunResult).steps.map((s) => s.outcome)).toEqual(['received']);
    expect(await rows(run!.workflowId)).toHaveLength(1); // nothing has told it yet
    await fireWith(client, taskQueue, rules, event('lost'), { listeners: listeners() });
    expect(await rows(run!.workflowId)).toEqual([]);
  });

  it('writes nothing down for a rule that waits for no event', async () => {
    const noWait = compileRuleTexts([{ file: 'tag.yaml', text: 'id: tag-only\nmode: parallel\nwhen: { event: opportunity/status-changed, to: [enrolled] }\nsteps:\n  - action: update-opportunity\n    fields: { tagged: true }\n' }], { templates: new Map() }).rules;
    const [run] = await fireWith(client, taskQueue, noWait, event('enrolled'), { listeners: listeners() });
    await client.workflow.getHandle(run!.workflowId).result();
    expect(await rows(run!.workflowId)).toEqual([]);
  });

  it('at start-up, writes down the runs an older recflow started, and forgets rows of ended runs', async () => {
    const rules = ruleFor('parallel');
    const [old] = await fireWith(client, taskQueue, rules, event('enrolled')); // no table: as an older recflow
    const [unknown] = await fireWith(client, taskQueue, rules, event('enrolled'));
    await db.runListener.create({ data: { workflowId: 'rule/ended/opportunity:x', eventType: 'invoice/paid', subjectId: 'opportunity:x', addedAt: new Date(Date.now() - 3_600_000) } });
    await expect.poll(() => waiting('wait-parallel'), { timeout: 20_000 }).toBe(2);
    // The first run's rule version is loaded (it waits for status changes); pretend the other's is not.
    await client.workflow.getHandle(unknown!.workflowId).terminate('replaced below');
    const [other] = await fireWith(client, taskQueue, rules.map((r) => ({ ...r, hash: 'no-longer-loaded' })), event('enrolled'));
    await expect.poll(() => waiting('wait-parallel'), { timeout: 20_000 }).toBe(2);
    const known = await registerRunning(client, listeners(), rules);
    expect(known.running).toBeGreaterThanOrEqual(2);
    expect(known.pruned).toBeGreaterThanOrEqual(1);
    expect(await rows('rule/ended/opportunity:x')).toEqual([]);
    expect(await rows(old!.workflowId)).toEqual([{ eventType: 'opportunity/status-changed', subjectId: `opportunity:${DEMO.opportunityId}` }]);
    expect(await rows(other!.workflowId)).toEqual([{ eventType: ANY_EVENT, subjectId: `opportunity:${DEMO.opportunityId}` }]);
    // Events now reach both through the table alone.
    await fireWith(client, taskQueue, [], event('paid'), { listeners: listeners() });
    for (const run of [old!, other!]) {
      expect(((await client.workflow.getHandle(run.workflowId).result()) as RuleRunResult).steps.map((s) => s.outcome)).toEqual(['received']);
    }
  });
});
