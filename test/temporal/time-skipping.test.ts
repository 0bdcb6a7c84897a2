import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { createTimeSkippingEnv, type TimeSkippingEnv } from '../../src/platform/test-server.js';
import { quietTemporalRuntime } from '../support/temporal.js';
import type * as workflows from './workflows.js';

const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
quietTemporalRuntime();

const THIRTY_DAYS = 30 * 24 * 60 * 60 * 1000;

describe('time-skipping test server', () => {
  let testEnv: TimeSkippingEnv;

  beforeAll(async () => {
    const started = Date.now();
    testEnv = await createTimeSkippingEnv(loadConfig(), (m) => console.log(`[test-server] ${m}`));
    console.log(`time-skipping env ready in ${Date.now() - started} ms`);
  });

  afterAll(async () => {
    await testEnv?.stop();
  });

  it('runs a workflow that sleeps 30 days in seconds', async () => {
    const { env } = testEnv;
    const taskQueue = `skip-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath });
    const serverTimeBefore = await env.currentTimeMs();
    const started = Date.now();
    const result = await worker.runUntil(
      env.client.workflow.execute<typeof workflows.sleeper>('sleeper', {
        taskQueue,
        workflowId: `sleeper-${randomUUID()}`,
        args: [THIRTY_DAYS],
      }),
    );
    const wallMs = Date.now() - started;
    console.log(`30-day sleep took ${wallMs} ms of wall time`);
    expect(result.sleptMs).toBeGreaterThanOrEqual(THIRTY_DAYS);
    expect((await env.currentTimeMs()) - serverTimeBefore).toBeGreaterThanOrEqual(THIRTY_DAYS);
    expect(wallMs).toBeLessThan(30_000);
  });
});
