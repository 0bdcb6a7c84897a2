// Runs `temporal server start-dev` as recflow's embedded Temporal: persisted to SQLite in the
// data folder so sleeping workflows survive restarts, bound to 127.0.0.1 only.
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { waitForFrontend } from './frontend-ready.js';
import { exited, isPortFree, spawnServer, stopChild, tailFile } from './processes.js';
import { registerSearchAttributes } from './register-search-attributes.js';
import { SEARCH_ATTRIBUTES, searchAttributeKeys } from './search-attributes.js';

export interface DevServerOptions {
  /** The Temporal CLI; undefined lets the SDK download one (needs internet). */
  cliPath?: string;
  dataDir: string;
  port: number;
  /** 0 runs without the Web UI. */
  uiPort: number;
  namespace: string;
  log?: (msg: string) => void;
  /** How long to wait for the frontend to answer; default 90 s (2 cores, cold start). */
  readyTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * SQLite settings, passed per connection. WAL lets readers (the UI, visibility queries) run
 * beside the writer. synchronous=FULL (SQLite's default, stated so nobody "tunes" it away)
 * syncs the WAL on every commit: with NORMAL, a power cut can drop the last commits, e.g.
 * the record that an email was sent, and the retried activity would send it twice.
 * busy_timeout keeps a reader outside the server (sqlite3 on the file) from failing it.
 */
export const SQLITE_PRAGMAS = ['journal_mode=WAL', 'synchronous=FULL', 'busy_timeout=10000'];

export function devServerArgs(opts: Pick<DevServerOptions, 'dataDir' | 'port' | 'uiPort' | 'namespace'>): string[] {
  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(opts.port), '--namespace', opts.namespace];
  args.push('--db-filename', path.join(opts.dataDir, 'temporal.db'));
  args.push(...(opts.uiPort > 0 ? ['--ui-port', String(opts.uiPort)] : ['--headless']));
  for (const pragma of SQLITE_PRAGMAS) args.push('--sqlite-pragma', pragma);
  // A rule run started by the API in the same process as the worker gets its first
  // workflow task in the start answer (fire.ts asks for it), not through task matching.
  args.push('--dynamic-config-value', 'system.enableEagerWorkflowStart=true');
  args.push(...searchAttributeArgs());
  return args;
}

/** `--search-attribute Name=Keyword` pairs; they are applied when the database is created. */
export function searchAttributeArgs(): string[] {
  return SEARCH_ATTRIBUTES.flatMap(({ name, type }) => [
    '--search-attribute',
    `${name}=${TypedSearchAttributes.toMetadataType(type)}`,
  ]);
}

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const log = opts.log ?? (() => {});
  await mkdir(opts.dataDir, { recursive: true });
  if (!opts.cliPath) return startWithSdkDownload(opts, log);

  for (const [port, what, variable] of [
    [opts.port, 'gRPC', 'TEMPORAL_DEV_PORT'],
    [opts.uiPort, 'Web UI', 'TEMPORAL_UI_PORT'],
  ] as const) {
    if (port > 0 && !(await isPortFree(port, HOST))) {
      throw new Error(
        `Cannot start the Temporal dev server: ${HOST}:${port} (${what}) is already in use, maybe by another ` +
          `recflow or Temporal. Stop it (see \`lsof -i :${port}\`), choose another port with ${variable}, ` +
          'or point TEMPORAL_ADDRESS at a running Temporal.',
      );
    }
  }

  const logFile = path.join(opts.dataDir, 'temporal.log');
  const fd = openSync(logFile, 'a');
  writeSync(fd, `\n--- recflow: starting temporal dev server at ${new Date().toISOString()} ---\n`);
  const started = Date.now();
  // Own process group: Ctrl-C in a terminal reaches only us, and we stop the server last.
  const child = spawnServer(opts.cliPath, devServerArgs(opts), { stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  let exitNote: string | undefined;
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  void exited(child).then((code) => (exitNote = `exited with ${code}`));

  const address = `${HOST}:${opts.port}`;
  try {
    await waitForFrontend(address, {
      timeoutMs: opts.readyTimeoutMs ?? 90_000,
      namespace: opts.namespace,
      giveUpIf: () =>
        spawnError ? `could not run ${opts.cliPath}: ${spawnError.message}` : exitNote && `the server ${exitNote}`,
    });
    // A database created by an older recflow lacks attributes added since: add them.
    const connection = await Connection.connect({ address });
    try {
      const { added } = await registerSearchAttributes(connection, opts.namespace);
      if (added.length) log(`registered search attributes ${added.join(', ')}`);
    } finally {
      await connection.close();
    }
  } catch (err) {
    await stopChild(child, 5_000);
    const tail = await tailFile(logFile);
    throw new Error(
      `Temporal dev server did not start: ${(err as Error).message}\n` +
        `command: ${opts.cliPath} ${devServerArgs(opts).join(' ')}\n` +
        `last lines of ${logFile}:\n${tail || '(empty)'}`,
    );
  }
  log(`Temporal dev server ready at ${address} in ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${logFile})`);

  return {
    address,
    uiUrl: opts.uiPort > 0 ? `http://${HOST}:${opts.uiPort}` : '',
    // Temporal shuts down cleanly on SIGTERM; SIGKILL only if it hangs (SQLite WAL stays consistent).
    stop: () => stopChild(child, 15_000),
  };
}

/** No CLI and no Go: the SDK downloads the dev server (needs temporal.download). Its output is not captured. */
async function startWithSdkDownload(opts: DevServerOptions, log: (msg: string) => void): Promise<DevServer> {
  log('Starting the Temporal dev server through the SDK download (needs internet access to temporal.download).');
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: HOST,
      port: opts.port,
      ...(opts.uiPort > 0 ? { ui: true, uiPort: opts.uiPort } : { ui: false }),
      namespace: opts.namespace,
      dbFilename: path.join(opts.dataDir, 'temporal.db'),
      searchAttributes: Object.values(searchAttributeKeys),
      extraArgs: SQLITE_PRAGMAS.flatMap((pragma) => ['--sqlite-pragma', pragma]),
    },
  }).catch((err: Error) => {
    throw new Error(
      `Could not start the Temporal dev server through the SDK download: ${err.message}\n` +
        'Fix: install Go (recflow then builds the Temporal CLI itself), put `temporal` on PATH, set TEMPORAL_CLI_PATH, ' +
        'or point TEMPORAL_ADDRESS at a running Temporal.',
    );
  });
  const { added } = await registerSearchAttributes(env.connection, opts.namespace);
  if (added.length) log(`registered search attributes ${added.join(', ')}`);
  return {
    address: env.address,
    uiUrl: opts.uiPort > 0 ? `http://${HOST}:${opts.uiPort}` : '',
    stop: () => env.teardown(),
  };
}
