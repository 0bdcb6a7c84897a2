// The Prisma client for SQLite or PostgreSQL, chosen by the database URL.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Prisma, PrismaClient as SqliteClient } from '../generated/sqlite/client/client.js';
import { databaseKindOf } from './config.js';
import { keptStatements } from './sqlite-statements.js';

/**
 * The app's database client. Both generated clients have the same model API; the type is
 * the SQLite one because it is the smaller of the two: code that compiles against it uses
 * nothing PostgreSQL-only (`mode: 'insensitive'`, `skipDuplicates`, list filters) and so
 * runs on both. Also avoid Json path filters (the path syntax differs) and relying on
 * `contains` being case-insensitive (it is on SQLite, not on PostgreSQL).
 */
export type Db = SqliteClient;
/** The client handed to `db.$transaction(async (tx) => …)`. */
export type DbTransaction = Prisma.TransactionClient;

export type {
  AuditEvent,
  Contact,
  Customer,
  Document,
  EmailMessage,
  Opportunity,
  OpportunityEvent,
  Prisma,
  Tenant,
} from '../generated/sqlite/client/client.js';

/** SQLite waits this long for another process's write lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Prisma's error format everywhere, not only with NODE_ENV=production: any other format
 * captures a stack trace (new Error()) at every query, for a code excerpt in the rare error
 * message, ~0.2 ms a query. Errors keep their code and message.
 */
const ERROR_FORMAT = 'minimal';

/** Prisma's P2002: the write would have broken a unique key (a twin row is already there). */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'P2002';
}

/** A client for `file:` (SQLite) or `postgres://` URLs. Call `$disconnect()` when done. */
export async function createDb(databaseUrl: string): Promise<Db> {
  if (databaseKindOf(databaseUrl) === 'sqlite') {
    const file = prepareSqliteFile(databaseUrl);
    const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
      generatedClient('sqlite', () => import('../generated/sqlite/client/client.js')),
      import('@prisma/adapter-better-sqlite3'),
    ]);
    return new PrismaClient({ adapter: tunedConnections(new PrismaBetterSqlite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS })), errorFormat: ERROR_FORMAT });
  }
  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    generatedClient('postgresql', () => import('../generated/postgresql/client/client.js')),
    import('@prisma/adapter-pg'),
  ]);
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }), errorFormat: ERROR_FORMAT });
  // Same model API, different generated type (see Db).
  return client as unknown as Db;
}

/**
 * Two changes to the adapter's SQLite connection, which has no options for them, made by
 * wrapping its prepare():
 * - Transactions take the write lock at BEGIN (BEGIN IMMEDIATE). With a plain BEGIN, two
 *   processes on one file (worker and API) can both read in a transaction and then both
 *   want to write: SQLite fails one at once with SQLITE_BUSY instead of waiting, since
 *   waiting would deadlock. Taking the lock first makes the other wait up to the busy timeout.
 * - Prepared statements are kept and reused (src/platform/sqlite-statements.ts): the adapter
 *   prepares every query afresh, which was ~6 % of the CPU of a rule run.
 */
function tunedConnections<F extends { connect(): Promise<unknown> }>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as { client?: { prepare(sql: string): Database.Statement<unknown[]> } }).client;
    if (!client) throw new Error('the SQLite driver adapter changed: no client to tune');
    client.prepare = keptStatements(client.prepare.bind(client));
    return adapter;
  };
  return factory;
}

/** The file path in a `file:` URL (`file:/abs`, `file:./rel`, `file:///abs`), resolved against the cwd. */
export function sqliteFileOf(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) throw new Error(`not a SQLite URL (file:…): "${databaseUrl}"`);
  const withoutQuery = databaseUrl.split('?')[0] ?? databaseUrl;
  const file = withoutQuery.startsWith('file://') ? fileURLToPath(withoutQuery) : withoutQuery.slice('file:'.length);
  if (!file || file === ':memory:') throw new Error(`recflow needs a SQLite file, got "${databaseUrl}"`);
  return path.resolve(file);
}

/**
 * Creates the file's folder and switches the file to WAL, so the worker and API processes
 * can read while one writes. WAL is a property of the file, so setting it once suffices;
 * the busy timeout is per connection and is passed to each adapter instead.
 */
export function prepareSqliteFile(databaseUrl: string): string {
  const file = sqliteFileOf(databaseUrl);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  return file;
}

/** Imported when needed, so a missing client gets a message that says how to make it. */
async function generatedClient<T>(provider: 'sqlite' | 'postgresql', load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(e).includes('generated')) {
      throw new Error(
        `The Prisma client for ${provider} is not generated (src/generated/${provider}/client is missing). ` +
          'npm install generates it; to do it by hand run `node bin/prisma-generate.mjs`.',
      );
    }
    throw e;
  }
}
