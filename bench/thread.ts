import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DEMO, readDemoToken } from '../src/seed.js';
import { domainOf, messageIdFor } from '../src/platform/mail.js';
import { loadConfig, projectRoot } from '../src/platform/config.js';
import { freePort } from '../src/platform/processes.js';
import { spawnRecflow } from '../test/support/recflow-process.js';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { median, printFigure } from './report.js';

/**
 * Start-up time of the start command (warm tool cache), end-to-end latency of the first
 * thread (event posted → mail received, split into where the time goes), and rule-run
 * throughput of a three-action rule against hello-world workflows on the same dev server.
 */
export async function benchThread(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-bench-'));
  const rulesDir = await benchRules(dataDir);
  // The SMTP sink parses every mail (PDF attached) before it answers 250; in this process
  // it would compete for one core with the client measuring. Its own process, as a real
  // mail server would be.
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
  const recflow = spawnRecflow(env);
  let connection: Connection | undefined;
  try {
    const { apiUrl } = await recflow.ready;
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

    // Throughput: the same dev server runs a three-action rule and hello-world workflows.
    const cpu0 = process.cpuUsage();
    const rules = await ruleThroughput(post, client);
    const cpu = process.cpuUsage(cpu0);
    printFigure('  CPU of this bench process meanwhile (client side)', (cpu.user + cpu.system) / 1000, 'ms');
    const hello = await helloThroughput(`127.0.0.1:${temporalPort}`);
    printFigure('three-action rule runs ÷ hello-world workflows (target ≥ 0.8)', rules / hello, '×');
  } finally {
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
  return dir;
}

const RUNS = 100;

/** Rule runs completed per second: RUNS cards move to "qualified" at once, through the API. */
async function ruleThroughput(post: (pathname: string, body: unknown) => Promise<Response>, client: Client): Promise<number> {
  const ids: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const res = await post('/v1/opportunities', { externalId: `bench-tp-${i}`, customerId: DEMO.customerId, title: `Bench ${i}`, amountMinor: 10_000 + i, currency: 'EUR' });
    ids.push(((await res.json()) as { id: string }).id);
  }
  const started = performance.now();
  const workflowIds = await Promise.all(
    ids.map(async (id) => {
      const res = await post(`/v1/opportunities/${id}/status`, { status: 'qualified', eventId: `tp-${id}` });
      const { runs } = (await res.json()) as { runs: { workflowId: string }[] };
      if (runs.length !== 1) throw new Error(`expected one run for ${id}, got ${JSON.stringify(runs)}`);
      return runs[0]!.workflowId;
    }),
  );
  await Promise.all(workflowIds.map((w) => client.workflow.getHandle(w).result()));
  const perSecond = RUNS / ((performance.now() - started) / 1000);
  printFigure(`three-action rule runs completed per second (${RUNS} at once, API → mail → field)`, perSecond, '/s');
  return perSecond;
}

async function helloThroughput(address: string): Promise<number> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const taskQueue = `bench-hello-${Date.now()}`;
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowsPath: new URL('./hello-workflow.ts', import.meta.url).pathname,
  });
  const count = 200;
  const result = await worker.runUntil(async () => {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        client.workflow.execute('hello', { taskQueue, workflowId: `${taskQueue}-${i}`, args: ['bench'] }),
      ),
    );
    return performance.now() - started;
  });
  const perSecond = count / (result / 1000);
  printFigure(`hello-world workflows completed per second (${count}, one worker)`, perSecond, '/s');
  await connection.close();
  await nativeConnection.close();
  return perSecond;
}

/** test/support/smtp-sink.ts in a child process; arrivals come from its "received <Message-ID>" lines. */
async function sinkProcess(dir: string): Promise<{ url: string; waitFor(messageId: string, timeoutMs: number): Promise<void>; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'test/support/smtp-sink.ts'), '--port', '0', '--dir', dir], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
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
