import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DEMO, readDemoToken } from '../src/seed.js';
import { domainOf, messageIdFor } from '../src/platform/mail.js';
import { loadConfig } from '../src/platform/config.js';
import { freePort } from '../src/platform/processes.js';
import { spawnRecflow } from '../test/support/recflow-process.js';
import { startSmtpSink } from '../test/support/smtp-sink.js';
import { median, printFigure } from './report.js';

/**
 * Start-up time of the start command (warm tool cache), end-to-end latency of the first
 * thread (event posted → mail received), and hello-world workflow throughput on the
 * same dev server for comparison.
 */
export async function benchThread(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-bench-'));
  const sink = await startSmtpSink();
  const temporalPort = await freePort();
  const env = {
    RECFLOW_DATA_DIR: dataDir,
    TEMPORAL_DEV_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(await freePort()),
    PORT: String(await freePort()),
    SMTP_URL: sink.url,
  };
  const t0 = Date.now();
  const recflow = spawnRecflow(env);
  try {
    const { apiUrl } = await recflow.ready;
    printFigure('start command → ready (fresh data, warm tool cache)', (Date.now() - t0) / 1000, 's');

    const latencies: number[] = [];
    const answers: number[] = [];
    for (let i = 0; i < 40; i++) {
      const status = i % 2 === 0 ? 'won' : 'open';
      const started = performance.now();
      const res = await fetch(`${apiUrl}/v1/opportunities/${DEMO.opportunityId}/status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${readDemoToken(dataDir)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status, eventId: `bench-${i}` }),
      });
      if (!res.ok) throw new Error(`status change failed: ${res.status} ${await res.text()}`);
      answers.push(performance.now() - started);
      if (status !== 'won') continue; // only "won" fires the sample rule
      const { eventId } = (await res.json()) as { eventId: string };
      const messageId = messageIdFor(`rule:opportunity-won-confirmation:event:${eventId}:step:1`, domainOf(loadConfig().mailFrom));
      await sink.waitFor((m) => m.messageId === messageId, 30_000);
      latencies.push(performance.now() - started);
    }
    printFigure(`status change answered by the API, median of ${answers.length}`, median(answers), 'ms');
    printFigure(`event posted → mail received, median of ${latencies.length}`, median(latencies), 'ms');

    await helloThroughput(`127.0.0.1:${temporalPort}`);
  } finally {
    recflow.child.kill('SIGINT');
    await recflow.exited;
    await sink.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function helloThroughput(address: string): Promise<void> {
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
  printFigure(`hello-world workflows completed per second (${count}, one worker)`, count / (result / 1000), '/s');
  await connection.close();
  await nativeConnection.close();
}
