import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/platform/config.js';

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
