// A throwaway PostgreSQL cluster from the locally installed server binaries.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes.js';

const run = promisify(execFile);

export interface PostgresCluster {
  /** postgresql:// URL of the cluster's `postgres` database, as the superuser `postgres`. */
  url: string;
  /** Stops the server and deletes its files. */
  stop(): Promise<void>;
}

/**
 * initdb + pg_ctl into a temp dir, on a free loopback port, with the unix socket in that
 * dir. For tests and for createMigration's scratch databases, never for data anyone keeps.
 * initdb refuses to run as root, so as root the cluster runs as the OS user
 * PG_CLUSTER_OS_USER (default `postgres`). PG_BIN_DIR overrides where initdb is found.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const asUser = process.getuid?.() === 0 ? osUser() : undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recflow-pg-'));
  if (asUser) chownSync(dir, asUser.uid, asUser.gid);
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  const exec = (tool: string, args: string[]) =>
    asUser
      ? run('runuser', ['-u', asUser.name, '--', path.join(bin, tool), ...args])
      : run(path.join(bin, tool), args);

  try {
    // trust auth is fine: the server listens on loopback only and lives for one run.
    await exec('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed in ${dataDir}: ${output(e)}`);
  }

  // A free port can be taken between probing and binding: try a few.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`, // unix socket in the temp dir, not /var/run/postgresql
      '-c listen_addresses=127.0.0.1',
      // Durability is pointless for a throwaway cluster; speed matters on 2 cores.
      '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    try {
      await exec('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']);
      const stop = async () => {
        await exec('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      };
      return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop };
    } catch (e) {
      lastError = e;
    }
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '(no log)';
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`pg_ctl could not start a throwaway PostgreSQL cluster: ${output(lastError)}\n${log}`);
}

function postgresBinDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], 'bin');
  throw new Error(
    'No PostgreSQL server binaries found (looked for /usr/lib/postgresql/<version>/bin/initdb). ' +
      'Install them (apt-get install -y postgresql) or set PG_BIN_DIR to the folder holding initdb and pg_ctl.',
  );
}

function osUser(): { name: string; uid: number; gid: number } {
  const name = process.env.PG_CLUSTER_OS_USER ?? 'postgres';
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error(
      `Running as root, and initdb refuses to run as root, so the throwaway PostgreSQL cluster runs as the OS user "${name}", ` +
        'which does not exist. Install the postgresql package (it creates the user), create it ' +
        '(useradd --system postgres), or set PG_CLUSTER_OS_USER to another existing user.',
    );
  }
  return { name, uid: Number(uid), gid: Number(gid) };
}

function output(e: unknown): string {
  const err = e as { stderr?: string; stdout?: string; message?: string };
  return (err.stderr || err.stdout || err.message || String(e)).trim();
}
