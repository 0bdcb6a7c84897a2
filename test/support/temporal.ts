// Real Temporal servers for tests: a dev server on free ports with a temporary data folder.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../../src/platform/config.js';
import { startDevServer } from '../../src/platform/dev-server.js';
import { freePort } from '../../src/platform/processes.js';
import { resolveTemporalCli } from '../../src/platform/temporal-cli.js';

export interface TestDevServer {
  address: string;
  uiUrl: string;
  namespace: string;
  dataDir: string;
  port: number;
  uiPort: number;
  /** Stops the server; removes the data folder unless it was given or `keepData` is set. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface TestDevServerOptions {
  /** Reuse a data folder (restart tests); a fresh temporary one by default. */
  dataDir?: string;
  port?: number;
  uiPort?: number;
  namespace?: string;
  log?: (message: string) => void;
}

/** A dev server with recflow's search attributes, ready to take workers and clients. */
export async function startTestDevServer(options: TestDevServerOptions = {}): Promise<TestDevServer> {
  const log = options.log ?? (() => {});
  const config = loadConfig();
  const cliPath = await resolveTemporalCli(config, (message) => console.log(`[temporal] ${message}`));
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'recflow-temporal-')));
  const port = options.port ?? (await freePort());
  const uiPort = options.uiPort ?? (await freePort());
  const namespace = options.namespace ?? 'default';
  try {
    const server = await startDevServer({ cliPath, dataDir, port, uiPort, namespace, log });
    return {
      ...server,
      namespace,
      dataDir,
      port,
      uiPort,
      stop: async ({ keepData = false } = {}) => {
        await server.stop();
        if (!options.dataDir && !keepData) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Worker logs at WARN: the SDK's INFO lines (state changes) drown test output. */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by another module in this process: keep that one.
  }
}
