// Small helpers for the server processes recflow starts (Temporal dev server, test server JVM).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

/** The first executable named `name` on PATH, or undefined. */
export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Spawns a long-running server that must not outlive this process. On Linux it goes through
 * `setpriv --pdeathsig` so the kernel signals it when we die, even by SIGKILL (a vitest fork
 * killed on timeout would otherwise leave a server holding its port). `setpriv` execs, so the
 * child's pid is the server's pid.
 */
export function spawnServer(command: string, args: string[], options: SpawnOptions, deathSignal = 'TERM'): ChildProcess {
  const setpriv = process.platform === 'linux' ? findOnPath('setpriv') : undefined;
  if (setpriv) return spawn(setpriv, ['--pdeathsig', deathSignal, '--', command, ...args], options);
  return spawn(command, args, options);
}

/** Resolves with the exit code (or signal) once the child has exited; at once if it already has. */
export function exited(child: ChildProcess): Promise<number | NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  const done = exited(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await done;
  } finally {
    clearTimeout(timer);
  }
}

/** True when nothing listens on host:port (we can bind it ourselves). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A free port for a server we are about to start. It comes from below the kernel's
 * ephemeral range: a port the OS picks with listen(0) lies inside that range, where any
 * outgoing connection may take it as its source port before our server binds it.
 * Each process starts at a random place and never hands out a port twice.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const [low, high] = portRange();
  const span = high - low;
  if (span < 100) return osPort(host);
  nextPort ??= low + Math.floor(Math.random() * span);
  for (let tries = 0; tries < span; tries++) {
    const port = low + ((nextPort - low + tries) % span);
    if (handedOut.has(port) || !(await isPortFree(port, host))) continue;
    handedOut.add(port);
    nextPort = port + 1;
    return port;
  }
  throw new Error(`no free port between ${low} and ${high} on ${host}`);
}

function osPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let nextPort: number | undefined;
const handedOut = new Set<number>();

/** Ports outside the ephemeral range; Linux's range is read from /proc. */
function portRange(): [number, number] {
  let ephemeralLow = 32768;
  try {
    ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || ephemeralLow;
  } catch {
    // Not Linux: 32768 is below the IANA dynamic range (49152) and Linux's default.
  }
  const high = Math.min(ephemeralLow, 32768);
  return [Math.max(10000, high - 20000), high];
}

/** The last `lines` lines of a text file, or '' when it cannot be read. */
export async function tailFile(file: string, lines = 30, maxBytes = 64 * 1024): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - maxBytes);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${Math.round((ms % 60_000) / 1000)}s`;
}
