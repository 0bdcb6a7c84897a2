import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { bundleWorkflowCode, NativeConnection } from '@temporalio/worker';
import { DEMO, readDemoToken } from '../src/seed.js';
import { createMailer, domainOf, messageIdFor } from '../src/platform/mail.js';
import { createDb } from '../src/platform/db.js';
import { createWorker } from '../src/worker.js';
import type { ActivityDeps } from '../activities/deps.js';
import type { OpportunityStatusChanged } from '../src/events/catalog.js';
import type { RuleRunInput } from '../workflows/types.js';
import { greet } from './hello-activity.js';
import { hello, helloActivity, threeEffects } from './hello-workflow.js';
import { loadConfig, projectRoot } from '../src/platform/config.js';
import { freePort } from '../src/platform/processes.js';
import { spawnRecflow } from '../test/support/recflow-process.js';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { median, printFigure } from './report.js';
import { benchTemplates, effectsCost } from './effects-cost.js';
import { startRun } from '../src/engine/fire.js';

/**
 * Start-up time of the start command (warm tool cache), end-to-end latency of the first
 * thread (event posted → mail received, split into where the time goes), and rule-run
 * throughput on the same dev server: a three-action rule (PDF, mail with it, field), a
 * light one (two fields, an owner notice), the first rule started straight from a client
 * like the yardsticks, the heavy rule's effects hand-written, a
 * workflow without activities and Temporal's hello-world sample (one activity); then what
 * both rules' effects cost called in-process without Temporal (bench/effects-cost.ts).
 */
export async function benchThread(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-bench-'));
  const rulesDir = await benchRules(dataDir);
  // The SMTP sink stands in for a mail server: its own process, as a real one would be,
  // reading only each mail's headers: decoding every PDF attached cost it ~2 ms of its
  // ~7 ms a mail (200 mails with an 18 KB PDF: 6.7 → 4.6 ms of sink CPU each), CPU on
  // the same two cores that a real server queueing the mail would not spend.
  const sink = await sinkProcess(path.join(dataDir, 'sink'));
  const temporalPort = await freePort();
  const env = {
    RECFLOW_DATA_DIR: dataDir,
    RULES_DIR: rulesDir,
    TEMPORAL_DEV_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(await freePort()),
    PORT: String(await freePort()),
    SMTP_URL: sink.url,
  };
  const t0 = Date.now();
  // BENCH_PROFILE=<dir>: a CPU profile of recflow's process, written when it stops.
  const recflow = spawnRecflow(env, ['start'], process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []);
  let connection: Connection | undefined;
  const extraWorkers: ReturnType<typeof spawnRecflow>[] = [];
  try {
    const { apiUrl } = await recflow.ready;
    // BENCH_EXTRA_WORKERS=n: n more `recflow worker` processes on the same queue and database.
    const extra = Number(process.env.BENCH_EXTRA_WORKERS ?? 0);
    for (let i = 0; i < extra; i++) {
      const w = spawnRecflow({ ...env, TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}` }, ['worker']);
      await w.ready;
      extraWorkers.push(w);
    }
    printFigure('start command → ready (fresh data, warm tool cache)', (Date.now() - t0) / 1000, 's');
    connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
    const client = new Client({ connection });
    const token = readDemoToken(dataDir);
    const post = (pathname: string, body: unknown) =>
      fetch(`${apiUrl}${pathname}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

    // Latency of one event at a time, split where the time goes: API answer, workflow
    // start (server clock), mail in the sink, workflow closed.
    const latencies: number[] = [];
    const answers: number[] = [];
    const split = { toStart: [] as number[], startToMail: [] as number[], mailToClose: [] as number[], startToClose: [] as number[] };
    for (let i = 0; i < 40; i++) {
      const status = i % 2 === 0 ? 'won' : 'open';
      const postedAt = Date.now();
      const started = performance.now();
      const res = await post(`/v1/opportunities/${DEMO.opportunityId}/status`, { status, eventId: `bench-${i}` });
      if (!res.ok) throw new Error(`status change failed: ${res.status} ${await res.text()}`);
      answers.push(performance.now() - started);
      if (status !== 'won') continue; // only "won" fires the sample rule
      const { eventId, runs } = (await res.json()) as { eventId: string; runs: { workflowId: string }[] };
      const messageId = messageIdFor(`rule:opportunity-won-confirmation:event:${eventId}:step:1`, domainOf(loadConfig().mailFrom));
      await sink.waitFor(messageId, 30_000);
      const mailAt = Date.now();
      latencies.push(performance.now() - started);
      const handle = client.workflow.getHandle(runs[0]!.workflowId);
      await handle.result();
      const d = await handle.describe();
      const startAt = d.startTime.getTime();
      const closeAt = d.closeTime?.getTime() ?? Date.now();
      split.toStart.push(startAt - postedAt);
      split.startToMail.push(mailAt - startAt);
      split.mailToClose.push(closeAt - mailAt);
      split.startToClose.push(closeAt - startAt);
    }
    printFigure(`status change answered by the API, median of ${answers.length}`, median(answers), 'ms');
    printFigure(`event posted → mail received, median of ${latencies.length}`, median(latencies), 'ms');
    printFigure('  posted → workflow started (server clock), median', median(split.toStart), 'ms');
    printFigure('  workflow started → mail in the sink, median', median(split.startToMail), 'ms');
    printFigure('  mail in the sink → workflow closed, median', median(split.mailToClose), 'ms');
    printFigure('  workflow started → closed, median', median(split.startToClose), 'ms');

    // Throughput: the same dev server runs the three-action rule (recflow's worker), the
    // same three effects in a hand-written workflow and hello-world (a worker built by the
    // same createWorker, in this process), in alternating rounds; medians at the end.
    const yardsticks = await yardstickWorker(env, `127.0.0.1:${temporalPort}`);
    try {
      const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
      // One uncounted round first: the latency phase above ran only 20 rule runs, so the
      // first counted rule phase would still pay most of recflow's JIT warm-up, which the
      // yardsticks' worker has long done by its turn (BENCH_WARMUP=0 skips it).
      if (process.env.BENCH_WARMUP !== '0') {
        console.log('warm-up round (not counted)');
        await ruleThroughput(post, client, 0, 'qualified', 'warm-up: three-action rule runs');
        await ruleThroughput(post, client, 0, 'proposal', 'warm-up: light three-action rule runs');
        await helloThroughput(client, yardsticks.taskQueue, 0, true);
      }
      const rows: Phases[] = [];
      for (let round = 1; round <= rounds; round++) {
        console.log(`round ${round} of ${rounds}`);
        const { phase: rule, opportunities, sample } = await ruleThroughput(post, client, round, 'qualified', 'three-action rule runs completed (API → PDF → mail → field)');
        const { phase: light } = await ruleThroughput(post, client, round, 'proposal', 'light three-action rule runs completed (API → field → customer field → owner notice)');
        const started = await startedThroughput(client, loadConfig({ ...process.env, ...env }).temporal.taskQueue, opportunities, sample, round);
        const direct = await directThroughput(client, yardsticks.taskQueue, opportunities, sample, round);
        const hello = await helloThroughput(client, yardsticks.taskQueue, round);
        const hello1 = await helloThroughput(client, yardsticks.taskQueue, round, true);
        await effectsCost(yardsticks.deps, sample, opportunities, round);
        rows.push({ rule, light, started, direct, hello, hello1 });
        printRatios({ rule, light, started, direct, hello, hello1 });
      }
      if (rounds > 1) {
        const med = (name: keyof Phases): Phase => ({
          perSecond: median(rows.map((r) => r[name].perSecond)),
          perCpuSecond: median(rows.map((r) => r[name].perCpuSecond)),
        });
        const m: Phases = { rule: med('rule'), light: med('light'), started: med('started'), direct: med('direct'), hello: med('hello'), hello1: med('hello1') };
        console.log(`medians of ${rounds} rounds`);
        for (const [name, p] of Object.entries(m)) {
          printFigure(`  ${name} per second`, p.perSecond, '/s');
          printFigure(`  ${name} per CPU second`, p.perCpuSecond, '/CPU s');
        }
        printRatios(m);
      }
    } finally {
      await yardsticks.stop();
    }
  } catch (e) {
    // What recflow logged is usually the reason (the API answers 500 with "see the server log").
    console.log(recflow.output().split('\n').filter((l) => /error/i.test(l)).slice(0, 15).join('\n'));
    throw e;
  } finally {
    for (const w of extraWorkers) (w.child.kill('SIGINT'), await w.exited);
    recflow.child.kill('SIGINT');
    await recflow.exited;
    await connection?.close();
    await sink.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The shipped rules plus a three-action rule fired by "qualified" (which nothing else uses). */
async function benchRules(dataDir: string): Promise<string> {
  const dir = path.join(dataDir, 'bench-rules');
  await cp(path.join(projectRoot, 'rules'), dir, { recursive: true });
  await writeFile(
    path.join(dir, 'bench-three-actions.yaml'),
    [
      'id: bench-three-actions',
      'description: A confirmation PDF, mailed, and a field on the card (the throughput bench).',
      'when:',
      '  event: opportunity/status-changed',
      '  to: qualified',
      'steps:',
      '  - action: render-document',
      '    template: order-confirmation',
      '  - action: send-email',
      '    template: order-confirmation-mail',
      '    to: accounting',
      '    attach: [order-confirmation]',
      '  - action: update-opportunity',
      '    fields: { confirmed: true }',
      '',
    ].join('\n'),
  );
  // The same engine with light actions: two records changed and a short notice, no PDF.
  await writeFile(
    path.join(dir, 'bench-light-actions.yaml'),
    [
      'id: bench-light-actions',
      'description: Tag the card, mark the customer, tell the owner (the throughput bench, light actions).',
      'when:',
      '  event: opportunity/status-changed',
      '  to: proposal',
      'steps:',
      '  - action: update-opportunity',
      '    fields: { proposal-sent: true }',
      '  - action: update-customer',
      '    fields: { segment: prospect }',
      '  - action: notify-owner',
      '    template: bench-proposal-notice',
      '',
    ].join('\n'),
  );
  await writeFile(
    path.join(dir, 'templates', 'bench-proposal-notice.yaml'),
    ['kind: email', 'en:', '  subject: "Proposal stage: {{opportunity.title}}"', '  body: "{{customer.name}} is at the proposal stage for {{opportunity.title}}."', ''].join('\n'),
  );
  return dir;
}

const RUNS = 100;

/** One throughput phase: runs per wall second and per CPU second of every process of the bench. */
interface Phase {
  perSecond: number;
  perCpuSecond: number;
}

/**
 * Runs `count` workflows' worth of work and measures wall time and the CPU all processes
 * of this bench used meanwhile (this one, recflow with its worker, the dev server, the SMTP
 * sink): on a shared machine the wall figure depends on the neighbours, the CPU one less.
 */
async function phase(name: string, count: number, work: () => Promise<void>): Promise<Phase> {
  const cpu0 = treeCpu(process.pid);
  const started = performance.now();
  await work();
  const wall = (performance.now() - started) / 1000;
  const used = [...treeCpu(process.pid)].map(([part, seconds]) => [part, seconds - (cpu0.get(part) ?? 0)] as const);
  const cpu = used.reduce((sum, [, seconds]) => sum + seconds, 0);
  const result = { perSecond: count / wall, perCpuSecond: count / cpu };
  printFigure(`${name} per second (${count} at once)`, result.perSecond, '/s');
  printFigure(`  per CPU second (${cpu.toFixed(1)} CPU s in ${wall.toFixed(1)} s wall, all bench processes)`, result.perCpuSecond, '/CPU s');
  console.log(`    CPU ms per run: ${used.map(([part, seconds]) => `${part} ${((seconds * 1000) / count).toFixed(0)}`).join(', ')}`);
  return result;
}

interface Phases {
  rule: Phase;
  light: Phase;
  started: Phase;
  direct: Phase;
  hello: Phase;
  hello1: Phase;
}

function printRatios({ rule, light, started, direct, hello, hello1 }: Phases): void {
  // Issue #3: "throughput of rule runs with a three-action rule against a hello-world
  // workflow"; Temporal's hello-world sample is a workflow that calls one activity.
  printFigure("three-action rule (PDF, mail, field) ÷ Temporal's hello-world sample (one activity), wall (issue #3 target ≥ 0.8)", rule.perSecond / hello1.perSecond, '×');
  printFigure('  per CPU second', rule.perCpuSecond / hello1.perCpuSecond, '×');
  printFigure("light three-action rule ÷ Temporal's hello-world sample (one activity), wall", light.perSecond / hello1.perSecond, '×');
  printFigure('three-action rule ÷ a workflow without activities, wall (stricter than the target)', rule.perSecond / hello.perSecond, '×');
  printFigure('light three-action rule ÷ a workflow without activities, wall', light.perSecond / hello.perSecond, '×');
  printFigure("three-action rule started straight from the client ÷ Temporal's hello-world sample, wall", started.perSecond / hello1.perSecond, '×');
  printFigure('three-action rule started straight from the client ÷ the same three effects hand-written, wall (interpreter overhead)', started.perSecond / direct.perSecond, '×');
  printFigure('three-action rule ÷ the same three effects hand-written, wall (interpreter and API)', rule.perSecond / direct.perSecond, '×');
  printFigure('  per CPU second', rule.perCpuSecond / direct.perCpuSecond, '×');
}

/**
 * user + system seconds of a process and all its descendants, from /proc (Linux), by part:
 * each process counts for its nearest ancestor that is one of the parts.
 */
function treeCpu(root: number): Map<string, number> {
  const tick = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; cpu: number; part?: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const pid = Number(entry);
      const part = pid === root ? 'bench client + yardstick worker' : cmd.includes('smtp-sink') ? 'SMTP sink' : /temporal\0server/.test(cmd) ? 'Temporal dev server' : cmd.includes('recflow.mjs') ? 'recflow (API + worker)' : undefined;
      // After "pid (comm) ": state ppid … utime and stime are the 14th and 15th fields of the line.
      stats.set(pid, { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / tick, ...(part ? { part } : {}) });
    } catch {
      // gone meanwhile
    }
  }
  const partOf = (pid: number): string | undefined => {
    let seen: string | undefined;
    for (let p = pid, hops = 0; p > 1 && hops < 50; p = stats.get(p)?.ppid ?? 0, hops++) {
      seen ??= stats.get(p)?.part;
      if (p === root) return seen;
    }
    return undefined;
  };
  const parts = new Map<string, number>();
  for (const [pid, s] of stats) {
    const part = partOf(pid);
    if (part) parts.set(part, (parts.get(part) ?? 0) + s.cpu);
  }
  return parts;
}

/** Rule runs completed per second: RUNS cards move to `status` at once, through the API. */
async function ruleThroughput(
  post: (pathname: string, body: unknown) => Promise<Response>,
  client: Client,
  round: number,
  status: string,
  label: string,
): Promise<{ phase: Phase; opportunities: string[]; sample: RuleRunInput }> {
  const ids: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const res = await post('/v1/opportunities', { externalId: `bench-${status}-${round}-${i}`, customerId: DEMO.customerId, title: `Bench ${round}/${i}`, amountMinor: 10_000 + i, currency: 'EUR', pipeline: 'sales' });
    ids.push(((await res.json()) as { id: string }).id);
  }
  let workflowIds: string[] = [];
  const result = await phase(label, RUNS, async () => {
    workflowIds = await Promise.all(
      ids.map(async (id) => {
        const res = await post(`/v1/opportunities/${id}/status`, { status, eventId: `tp-${id}` });
        if (!res.ok) throw new Error(`status change for ${id} failed: ${res.status} ${await res.text()}`);
        const { runs } = (await res.json()) as { runs: { workflowId: string }[] };
        if (runs.length !== 1) throw new Error(`expected one run for ${id}, got ${JSON.stringify(runs)}`);
        return runs[0]!.workflowId;
      }),
    );
    await Promise.all(workflowIds.map((w) => client.workflow.getHandle(w).result()));
  });
  // The snapshot and event of one run: the hand-written workflow gets the same templates.
  const history = await client.workflow.getHandle(workflowIds[0]!).fetchHistory();
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const sample = defaultPayloadConverter.fromPayload<RuleRunInput>(payload!);
  return { phase: result, opportunities: ids, sample };
}

/**
 * The bench rule's runs started the way the yardsticks are, by the bench's client: no API
 * request, no dispatcher, no eager start; recflow's worker runs them. Parallel mode, so
 * the cards the rule already ran for take new runs.
 */
async function startedThroughput(client: Client, taskQueue: string, opportunities: string[], sample: RuleRunInput, round: number): Promise<Phase> {
  const rule = { ...sample.rule, mode: 'parallel' as const };
  const event = sample.event as OpportunityStatusChanged;
  return phase('three-action rule runs started straight from the client, completed', opportunities.length, async () => {
    const runs = await Promise.all(opportunities.map((id) => startRun(client, taskQueue, rule, { ...event, id: `started-${round}-${id}`, opportunityId: id }, { firstTime: true })));
    await Promise.all(runs.map((r) => client.workflow.getHandle(r.workflowId).result()));
  });
}

/** The same three effects in a hand-written workflow (bench/hello-workflow.ts), on the same cards. */
async function directThroughput(client: Client, taskQueue: string, opportunities: string[], sample: RuleRunInput, round: number): Promise<Phase> {
  const { doc, mail } = benchTemplates(sample);
  const event = sample.event as OpportunityStatusChanged;
  return phase('the same three effects hand-written, completed', opportunities.length, async () => {
    await Promise.all(
      opportunities.map((id) =>
        client.workflow.execute(threeEffects, {
          taskQueue,
          workflowId: `bench-direct-${round}-${id}`,
          args: [
            {
              event: { ...event, id: `direct-${round}-${id}`, opportunityId: id },
              key: `bench-direct:${round}:${id}`,
              document: { name: 'order-confirmation', variant: doc.variants.en },
              mail: { subject: mail.variants.en.subject, body: mail.variants.en.body },
            },
          ],
        }),
      ),
    );
  });
}

async function helloThroughput(client: Client, taskQueue: string, round: number, withActivity = false): Promise<Phase> {
  const count = 200;
  const name = `${round === 0 ? 'warm-up: ' : ''}${withActivity ? "Temporal's hello-world sample (one activity) completed" : 'hello-world workflows without activities completed'}`;
  return phase(name, count, async () => {
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        client.workflow.execute(withActivity ? helloActivity : hello, { taskQueue, workflowId: `bench-hello${withActivity ? '1' : ''}-${round}-${i}`, args: ['bench'] }),
      ),
    );
  });
}

/**
 * A worker made by recflow's createWorker (same options), for bench/hello-workflow.ts,
 * with recflow's activities on the same database, documents directory and SMTP sink.
 */
async function yardstickWorker(env: Record<string, string>, address: string): Promise<{ taskQueue: string; deps: ActivityDeps; stop(): Promise<void> }> {
  const config = loadConfig({ ...process.env, ...env });
  const taskQueue = `bench-yardstick-${Date.now()}`;
  const { code } = await bundleWorkflowCode({ workflowsPath: new URL('./hello-workflow.ts', import.meta.url).pathname, logger: quietLogger });
  const bundlePath = path.join(config.dataDir, 'build', 'bench-bundle.js');
  await mkdir(path.dirname(bundlePath), { recursive: true });
  await writeFile(bundlePath, code);
  const db = await createDb(config.databaseUrl);
  const mailer = createMailer(config, () => {});
  const nativeConnection = await NativeConnection.connect({ address });
  const deps = { db, mailer, dataDir: config.dataDir, mailFrom: config.mailFrom, mailDomain: domainOf(config.mailFrom) };
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    bundlePath,
    deps,
    moreActivities: { greet },
  });
  const running = worker.run();
  return {
    taskQueue,
    deps,
    stop: async () => {
      worker.shutdown();
      await running;
      await nativeConnection.close();
      mailer.close();
      await db.$disconnect();
    },
  };
}

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };

/** test/support/smtp-sink.ts in a child process; arrivals come from its "received <Message-ID>" lines. */
async function sinkProcess(dir: string): Promise<{ url: string; waitFor(messageId: string, timeoutMs: number): Promise<void>; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'test/support/smtp-sink.ts'), '--port', '0', '--dir', dir, '--headers-only'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const arrived = new Set<string>();
  const waiters = new Map<string, () => void>();
  let resolveUrl!: (url: string) => void;
  const url = new Promise<string>((resolve) => (resolveUrl = resolve));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const listening = /listening on (smtp:\/\/\S+?),/.exec(line);
    if (listening) resolveUrl(listening[1]!);
    const received = /^received (\S+)/.exec(line);
    if (received) {
      arrived.add(received[1]!);
      waiters.get(received[1]!)?.();
    }
  });
  return {
    url: await url,
    waitFor: (messageId, timeoutMs) =>
      arrived.has(messageId)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no mail ${messageId} within ${timeoutMs} ms`)), timeoutMs);
            waiters.set(messageId, () => {
              clearTimeout(timer);
              waiters.delete(messageId);
              resolve();
            });
          }),
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
