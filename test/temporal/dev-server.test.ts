import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { startDevServer } from '../../src/platform/dev-server.js';
import { waitForFrontend } from '../../src/platform/frontend-ready.js';
import { freePort, stopChild } from '../../src/platform/processes.js';
import { registerSearchAttributes } from '../../src/platform/register-search-attributes.js';
import { resolveTemporalCli } from '../../src/platform/temporal-cli.js';
import { SEARCH_ATTRIBUTES, searchAttributeKeys, searchAttributePairs } from '../../src/platform/search-attributes.js';
import { quietTemporalRuntime, startTestDevServer, type TestDevServer } from '../support/temporal.js';
import type * as workflows from './workflows.js';

const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
quietTemporalRuntime();

describe('Temporal dev server', () => {
  let server: TestDevServer;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    const started = Date.now();
    server = await startTestDevServer();
    console.log(`dev server ready in ${Date.now() - started} ms`);
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection, namespace: server.namespace });
  });

  afterAll(async () => {
    await connection?.close();
    await server?.stop();
  });

  it('has recflow’s search attributes with their types', async () => {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: server.namespace });
    for (const { name } of SEARCH_ATTRIBUTES) expect(customAttributes).toHaveProperty(name);
    const again = await registerSearchAttributes(connection, server.namespace);
    expect(again).toEqual({ added: [], existing: SEARCH_ATTRIBUTES.map((a) => a.name) });
  });

  it('finds a workflow by its search attributes and sees upserts from workflow code', async () => {
    const taskQueue = `sa-${randomUUID()}`;
    const ruleId = `rule-${randomUUID()}`;
    const nativeConnection = await NativeConnection.connect({ address: server.address });
    const worker = await Worker.create({ connection: nativeConnection, namespace: server.namespace, taskQueue, workflowsPath });
    try {
      const result = await worker.runUntil(async () => {
        const handle = await client.workflow.start<typeof workflows.escalate>('escalate', {
          taskQueue,
          workflowId: `escalate-${randomUUID()}`,
          args: [2],
          typedSearchAttributes: new TypedSearchAttributes(searchAttributePairs({ RuleId: ruleId, CustomerId: 'c-1' })),
        });
        const output = await handle.result();
        const description = await handle.describe();
        expect(description.typedSearchAttributes.get(searchAttributeKeys.RuleId)).toBe(ruleId);
        expect(description.typedSearchAttributes.get(searchAttributeKeys.DunningLevel)).toBe(2);
        return output;
      });
      expect(result).toEqual({ ruleId, level: 2 });
      // Visibility is eventually consistent: poll briefly.
      let ids: string[] = [];
      for (let i = 0; i < 50 && ids.length === 0; i++) {
        ids = [];
        for await (const wf of client.workflow.list({ query: `RuleId="${ruleId}" AND DunningLevel=2` })) ids.push(wf.workflowId);
        if (ids.length === 0) await sleep(200);
      }
      expect(ids).toHaveLength(1);
    } finally {
      await nativeConnection.close();
    }
  });

  it('refuses a port that is taken, saying which and what to do', async () => {
    await expect(
      startDevServer({ cliPath: '/bin/true', dataDir: server.dataDir, port: server.port, uiPort: 0, namespace: 'default' }),
    ).rejects.toThrow(`127.0.0.1:${server.port} (gRPC) is already in use`);
  });

  it('reports an early exit with the log tail', async () => {
    const fake = `${server.dataDir}/fake-temporal.sh`;
    await writeFile(fake, '#!/bin/sh\necho "boom: cannot open database" >&2\nexit 3\n');
    await chmod(fake, 0o755);
    const error = await startDevServer({
      cliPath: fake,
      dataDir: server.dataDir,
      port: await freePort(),
      uiPort: 0,
      namespace: 'default',
    }).catch((err: Error) => err);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/exited with 3/);
    expect((error as Error).message).toMatch(/boom: cannot open database/);
  });

  it('adds search attributes missing from a database an older version created', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-old-db-'));
    try {
      // An "older recflow": the same CLI and database file, started without our attributes.
      const cliPath = await resolveTemporalCli(loadConfig(), () => {});
      if (!cliPath) throw new Error('no Temporal CLI (this test needs one)');
      const port = await freePort();
      const old = spawn(cliPath, ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless',
        '--db-filename', path.join(dataDir, 'temporal.db')], { stdio: 'ignore' });
      try {
        await waitForFrontend(`127.0.0.1:${port}`, { timeoutMs: 60_000, namespace: 'default' });
      } finally {
        await stopChild(old);
      }
      const upgraded = await startTestDevServer({ dataDir });
      try {
        const conn = await Connection.connect({ address: upgraded.address });
        const { customAttributes } = await conn.operatorService.listSearchAttributes({ namespace: 'default' });
        await conn.close();
        for (const { name } of SEARCH_ATTRIBUTES) expect(customAttributes).toHaveProperty(name);
      } finally {
        await upgraded.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
