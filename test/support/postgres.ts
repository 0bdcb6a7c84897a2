// Real PostgreSQL and SQLite databases for tests.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withPgClient } from '../../src/platform/pg-client.js';
import { inject } from 'vitest';
import { startPostgresCluster } from '../../src/platform/pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by test/support/global-setup.ts; empty when the server could not start. */
    postgresUrl: string;
    postgresError: string;
  }
}

export interface PostgresServer {
  /** postgresql:// URL of a database on the server, as a user who may CREATE DATABASE. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The server in TEST_POSTGRES_URL when set (its user needs CREATEDB), otherwise a
 * throwaway cluster (src/platform/pg-cluster.ts says what that needs).
 */
export async function startPostgres(): Promise<PostgresServer> {
  const external = process.env.TEST_POSTGRES_URL;
  if (external) return { url: external, stop: async () => {} };
  return startPostgresCluster();
}

/** Inside a test file: the run's PostgreSQL server (from the global setup). */
export function postgresServerUrl(): string {
  const url = inject('postgresUrl');
  if (!url) throw new Error(`No PostgreSQL server for the tests: ${inject('postgresError') || 'the global setup did not run'}`);
  return url;
}

/** A fresh, empty database on the server; drop() removes it even with open connections. */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `recflow_test_${randomBytes(6).toString('hex')}`;
  await withPgClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withPgClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** A SQLite database file in its own temp folder (which also takes the -wal and -shm files). */
export function createTestSqlite(): { url: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recflow-sqlite-'));
  return {
    url: `file:${path.join(dir, 'test.db')}`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
