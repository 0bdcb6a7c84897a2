import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/platform/config.js';
import { freePort } from '../../src/platform/processes.js';
import { readDemoToken } from '../../src/seed.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

export interface RecflowProcess {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the API URL once the start command prints that it is ready. */
  ready: Promise<{ apiUrl: string }>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Runs `recflow <args>` (default: start, exactly what `npm start` runs) as a child process; `nodeArgs` e.g. --cpu-prof. */
export function spawnRecflow(env: Record<string, string>, args = ['start'], nodeArgs: string[] = []): RecflowProcess {
  const child = spawn(process.execPath, [...nodeArgs, path.join(projectRoot, 'bin/recflow.mjs'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const ready = new Promise<{ apiUrl: string }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /recflow is ready[\s\S]*?API\s+(\S+)/.exec(text);
      if (match) resolve({ apiUrl: match[1]! });
      const worker = /\[recflow (?:worker|api)\] (?:ready|listening on (\S+))/.exec(text);
      if (worker) resolve({ apiUrl: worker[1] ?? '' });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`recflow exited (${code}) before it was ready:\n${text.slice(-3000)}`)));
  });
  ready.catch(() => {});
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => text, ready, exited };
}

export interface RecflowStack {
  dataDir: string;
  sink: SmtpSink;
  recflow: RecflowProcess;
  apiUrl: string;
  /** The demo tenant's API token. */
  token: string;
  temporalPort: number;
  /** Stops recflow (Ctrl-C) and the sink, and removes the data folder. */
  stop(): Promise<void>;
}

/**
 * `recflow start` as a person runs it: a fresh data folder (`prefix` names it), free ports
 * for the dev server, its UI and the API, mail to an SMTP sink. `prepare` may fill the data
 * folder first and return more environment (e.g. RULES_DIR); `nodeArgs` go to recflow's node (e.g. --cpu-prof).
 */
export async function startRecflowStack(prefix: string, prepare?: (dataDir: string) => Promise<Record<string, string>>, nodeArgs: string[] = []): Promise<RecflowStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const extra = (await prepare?.(dataDir)) ?? {};
  const sink = await startSmtpSink();
  const temporalPort = await freePort();
  const recflow = spawnRecflow({
    RECFLOW_DATA_DIR: dataDir,
    TEMPORAL_DEV_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(await freePort()),
    PORT: String(await freePort()),
    SMTP_URL: sink.url,
    ...extra,
  }, ['start'], nodeArgs);
  const stop = async () => {
    recflow.child.kill('SIGINT');
    await recflow.exited;
    await sink.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const { apiUrl } = await recflow.ready;
    return { dataDir, sink, recflow, apiUrl, token: readDemoToken(dataDir), temporalPort, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
