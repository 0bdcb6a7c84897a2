import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/platform/processes.js';
import { quietTemporalRuntime, startTestDevServer, type TestDevServer } from '../support/temporal.js';
import type * as workflows from './workflows.js';

const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
quietTemporalRuntime();

describe('Temporal dev server restart', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  it('keeps a sleeping workflow across a stop and start on the same data folder', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-restart-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const ports = { port: await freePort(), uiPort: await freePort() };
    const taskQueue = `restart-${randomUUID()}`;
    const workflowId = `sleeper-${randomUUID()}`;

    // First life: start a workflow that sleeps 5 s, and stop the server while it sleeps.
    let server: TestDevServer = await startTestDevServer({ dataDir, ...ports });
    cleanups.push(() => server.stop());
    let startedAt = 0;
    await withWorker(server, taskQueue, async (client) => {
      startedAt = Date.now();
      const handle = await client.workflow.start<typeof workflows.sleeper>('sleeper', {
        taskQueue,
        workflowId,
        args: [5_000],
      });
      await untilTimerStarted(handle);
    });
    await server.stop();
    const stoppedAt = Date.now();
    expect(stoppedAt - startedAt, 'the server must stop while the timer is pending').toBeLessThan(5_000);

    // Second life: same data folder; the timer fires and the workflow completes.
    server = await startTestDevServer({ dataDir, ...ports });
    console.log(`restarted in ${Date.now() - stoppedAt} ms`);
    const result = await withWorker(server, taskQueue, (client) =>
      client.workflow.getHandle<typeof workflows.sleeper>(workflowId).result(),
    );
    expect(result.sleptMs).toBeGreaterThanOrEqual(5_000);
  });
});

async function withWorker<T>(server: TestDevServer, taskQueue: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address: server.address });
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  try {
    const worker = await Worker.create({ connection: nativeConnection, namespace: server.namespace, taskQueue, workflowsPath });
    return await worker.runUntil(fn(new Client({ connection, namespace: server.namespace })));
  } finally {
    await connection.close();
    await nativeConnection.close();
  }
}

async function untilTimerStarted(handle: WorkflowHandle): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const history = await handle.fetchHistory();
    if (history.events?.some((e) => e.timerStartedEventAttributes)) return;
    await sleep(100);
  }
  throw new Error('the workflow never started its timer');
}
