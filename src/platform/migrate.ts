// Applies and creates migrations with the WebAssembly schema engine: no engine download,
// works offline, same migration folders and _prisma_migrations table as the Prisma CLI.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import Database from 'better-sqlite3';
import pg from 'pg';
import { migrationsDir, providers, schemaFor, type Provider } from '../../prisma/schema.mjs';
import { databaseKindOf } from './config.js';
import { prepareSqliteFile, SQLITE_BUSY_TIMEOUT_MS } from './db.js';
import { withPgClient } from './pg-client.js';
import { openSchemaEngine } from './schema-engine.js';

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * Applies the pending migrations of prisma/migrations/<provider>/ to the database and
 * returns their names (empty when it was up to date). Creates a SQLite file and its folder
 * when missing, and a PostgreSQL database (like `prisma migrate deploy`) when the server
 * exists but the database does not. On PostgreSQL the engine holds an advisory lock while it works, so
 * processes migrating at once take turns and the later ones apply nothing.
 */
export async function migrate(databaseUrl: string): Promise<{ applied: string[] }> {
  const provider = databaseKindOf(databaseUrl);
  const migrationsList = readMigrations(provider);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`No migrations in ${migrationsList.baseDir}; create the first with \`npm run db:migration -- init\`.`);
  }
  if (provider === 'postgresql') {
    await ensurePostgresDatabase(databaseUrl);
    return apply(provider, databaseUrl, migrationsList, postgresTarget(databaseUrl));
  }
  const file = prepareSqliteFile(databaseUrl);
  return withSqliteMigrationLock(file, () => apply(provider, databaseUrl, migrationsList, sqliteTarget(file)));
}

async function apply(
  provider: Provider,
  databaseUrl: string,
  migrationsList: MigrationList,
  target: ReturnType<typeof tracked>,
): Promise<{ applied: string[] }> {
  try {
    const engine = await openSchemaEngine(schemaFor(provider), target.factory);
    try {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
      return { applied: appliedMigrationNames };
    } finally {
      engine.free();
    }
  } catch (e) {
    throw new Error(`Migrating the ${provider} database ${redact(databaseUrl)} failed: ${errorText(e)}`, { cause: e });
  } finally {
    await target.close();
  }
}

const sqliteMigrations = new Map<string, Promise<unknown>>();

/**
 * SQLite has no advisory lock, and two engines applying the same migration at once leave
 * a failed migration behind (worker and API start together). So migrations of one file
 * take turns: in this process through a promise chain, across processes through an
 * exclusive transaction on a side file (<db>.migrate-lock), which SQLite releases even
 * when the holder dies. The lock is polled, never waited for synchronously: a blocking
 * wait would stall this process's own engine.
 */
async function withSqliteMigrationLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const previous = sqliteMigrations.get(file) ?? Promise.resolve();
  const run = previous.catch(() => {}).then(async () => {
    const lock = new Database(`${file}.migrate-lock`, { timeout: 0 });
    try {
      const deadline = Date.now() + SQLITE_MIGRATE_LOCK_WAIT_MS;
      for (;;) {
        try {
          lock.exec('BEGIN EXCLUSIVE');
          break;
        } catch (e) {
          if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
          if (Date.now() > deadline) {
            throw new Error(
              `Another process has been migrating ${file} for over ${SQLITE_MIGRATE_LOCK_WAIT_MS / 1000} s (it holds ${file}.migrate-lock); ` +
                'wait for it to finish, or stop it.',
            );
          }
          await sleep(50);
        }
      }
      return await fn();
    } finally {
      lock.close(); // ends the transaction, releasing the lock
    }
  });
  sqliteMigrations.set(file, run);
  try {
    return await run;
  } finally {
    if (sqliteMigrations.get(file) === run) sqliteMigrations.delete(file);
  }
}

const SQLITE_MIGRATE_LOCK_WAIT_MS = 120_000;

export interface CreatedMigration {
  /** The folder name (<UTC timestamp>_<name>), or null when the models did not change. */
  name: string | null;
  /** The migration.sql files written, one per provider whose schema changed. */
  files: string[];
  /** The SQL per provider whose schema changed (also with dryRun). */
  scripts: Partial<Record<Provider, string>>;
}

export interface CreateMigrationOptions {
  /** A PostgreSQL server for the scratch database (else MIGRATION_POSTGRES_URL, else a throwaway cluster). */
  postgresUrl?: string;
  /** Compute the SQL but write nothing: a check that the migrations cover prisma/models.prisma. */
  dryRun?: boolean;
}

/**
 * Writes the next migration for every provider: replays the existing migrations into a
 * scratch database (the "shadow database") and diffs that against prisma/models.prisma.
 * SQLite's scratch database is in memory. PostgreSQL's is created on `postgresUrl`, else
 * on MIGRATION_POSTGRES_URL, else on a throwaway local cluster (needs the PostgreSQL
 * server binaries, see pg-cluster.ts); the user needs CREATEDB, and the database is dropped after.
 */
export async function createMigration(name: string, options: CreateMigrationOptions = {}): Promise<CreatedMigration> {
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!slug) throw new Error(`A migration needs a name of letters and digits, e.g. "add_invoices"; got "${name}".`);
  const folder = `${nextTimestamp()}_${slug}`;

  const scripts = new Map<Provider, string>();
  for (const provider of providers) {
    const script = provider === 'sqlite' ? await diffSqlite() : await diffPostgres(options.postgresUrl);
    if (script !== null) scripts.set(provider, script);
  }
  if (scripts.size === 0) return { name: null, files: [], scripts: {} };
  if (options.dryRun) return { name: folder, files: [], scripts: Object.fromEntries(scripts) };

  const files: string[] = [];
  for (const [provider, script] of scripts) {
    const dir = migrationsDir(provider);
    mkdirSync(path.join(dir, folder), { recursive: true });
    const lockfile = path.join(dir, 'migration_lock.toml');
    if (!existsSync(lockfile)) writeFileSync(lockfile, lockfileFor(provider));
    const file = path.join(dir, folder, 'migration.sql');
    writeFileSync(file, script);
    files.push(file);
  }
  return { name: folder, files, scripts: Object.fromEntries(scripts) };
}

/** The migration folders of one provider, read from disk in the engine's format. */
function readMigrations(provider: Provider): MigrationList {
  const baseDir = migrationsDir(provider);
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((dir) => {
      const file = path.join(baseDir, dir, 'migration.sql');
      return {
        path: dir,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') }
            : { tag: 'error' as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

/** SQL from the existing migrations to the models, or null when there is no change. */
async function diffFor(provider: Provider, factory: SqlMigrationAwareDriverAdapterFactory): Promise<string | null> {
  const schema = schemaFor(provider);
  const migrationsList = readMigrations(provider);
  const engine = await openSchemaEngine(schema, factory);
  try {
    const result = await engine.diff({
      from: migrationsList.migrationDirectories.length ? { tag: 'migrations', ...migrationsList } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
      script: true,
      exitCode: true, // 2 when there is a difference
      filters: noFilters,
    });
    return result.exitCode === 2 && result.stdout ? result.stdout : null;
  } catch (e) {
    throw new Error(`Diffing the ${provider} migrations against prisma/models.prisma failed: ${errorText(e)}`, { cause: e });
  } finally {
    engine.free();
  }
}

async function diffSqlite(): Promise<string | null> {
  // Main and shadow database both in memory: nothing on disk is touched.
  const base = new PrismaBetterSqlite3({ url: ':memory:' });
  const target = tracked({
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => base.connect(),
    connectToShadowDb: async () => multiStatementRaw(await base.connectToShadowDb()),
  });
  try {
    return await diffFor('sqlite', target.factory);
  } finally {
    await target.close();
  }
}

async function diffPostgres(postgresUrl: string | undefined): Promise<string | null> {
  let serverUrl = postgresUrl ?? process.env.MIGRATION_POSTGRES_URL;
  let stopCluster: (() => Promise<void>) | undefined;
  if (!serverUrl) {
    const { startPostgresCluster } = await import('./pg-cluster.js');
    const cluster = await startPostgresCluster();
    serverUrl = cluster.url;
    stopCluster = cluster.stop;
  }
  const scratch: string[] = [];
  const main = enginePg(serverUrl);
  const target = tracked({
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    // Not PrismaPg's own shadow database: it keeps the connection string's database name
    // and so would replay the migrations into the main database.
    connectToShadowDb: async () => {
      const name = `recflow_shadow_${randomBytes(6).toString('hex')}`;
      await withPgClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
      scratch.push(name);
      return enginePg(withDatabase(serverUrl, name)).connect();
    },
  });
  try {
    return await diffFor('postgresql', target.factory);
  } finally {
    await target.close();
    for (const name of scratch) {
      await withPgClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
    await stopCluster?.();
  }
}

/**
 * The engine replays each migration file into the shadow database with one executeRaw
 * call, which better-sqlite3 refuses for more than one statement ("The supplied SQL string
 * contains more than one statement"). Run such parameterless scripts with executeScript.
 */
function multiStatementRaw(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (key !== 'executeRaw' || typeof value !== 'function') {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (query: Parameters<SqlDriverAdapter['executeRaw']>[0]) => {
        try {
          return await target.executeRaw(query);
        } catch (e) {
          if (query.args.length > 0 || !String(e).includes('more than one statement')) throw e;
          await target.executeScript(query.sql);
          return 0;
        }
      };
    },
  });
}

function sqliteTarget(file: string) {
  return tracked(withoutExclusiveLocking(new PrismaBetterSqlite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS })));
}

/**
 * The schema engine starts with `PRAGMA main.locking_mode=EXCLUSIVE`, which on a WAL
 * database fails (SQLITE_BUSY) while any other process has the file open: a worker could
 * then not start beside a running API. Migrators already take turns through the
 * migrate-lock, and each migration runs in a transaction other connections see whole,
 * so the pragma is skipped.
 */
function withoutExclusiveLocking(factory: PrismaBetterSqlite3): SqlMigrationAwareDriverAdapterFactory {
  const patch = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) =>
      /^\s*PRAGMA\s+main\.locking_mode\s*=\s*EXCLUSIVE\s*;?\s*$/i.test(query.sql) ? 0 : executeRaw(query);
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
  };
}

function postgresTarget(databaseUrl: string) {
  return tracked(enginePg(databaseUrl));
}

const PG_CHAR_OID = 18; // the one-byte "char" type of catalog columns such as pg_class.relkind
const PG_TEXT_OID = 25;

/**
 * A PostgreSQL adapter for the schema engine, on one connection: the engine's advisory
 * lock and its migration statements then share a session. Its catalog queries return
 * "char" columns, which @prisma/adapter-pg cannot map ("Column type 'char' could not be
 * deserialized"); pg already parses them as strings, so they are reported as text.
 */
function enginePg(url: string): PrismaPg {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const asText = (r: pg.QueryResult | undefined) => {
    for (const field of r?.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return r;
  };
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // pool.query calls client.query with a callback, the adapter's own clients use the promise.
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const last = args.at(-1);
      if (typeof last === 'function') {
        return query(...args.slice(0, -1), (err: unknown, r: pg.QueryResult) => last(err, asText(r)));
      }
      const result = query(...args);
      return result instanceof Promise ? result.then(asText) : result;
    };
  });
  return new PrismaPg(pool, { disposeExternalPool: true });
}

/** Wraps an adapter factory so every connection it opened can be closed afterwards. */
function tracked(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const keep = (adapter: SqlDriverAdapter) => (opened.push(adapter), adapter);
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => keep(await factory.connect()),
      connectToShadowDb: async () => keep(await factory.connectToShadowDb()),
    } satisfies SqlMigrationAwareDriverAdapterFactory,
    close: async () => {
      await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
    },
  };
}

/** Creates the URL's database when the server says it does not exist (SQLSTATE 3D000). */
async function ensurePostgresDatabase(url: string): Promise<void> {
  try {
    await withPgClient(url, async () => {});
  } catch (e) {
    if ((e as { code?: string }).code !== '3D000') return; // any other problem: the engine reports it
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    try {
      await withPgClient(withDatabase(url, 'postgres'), (c) => c.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`));
    } catch (createError) {
      // 42P04: another process created it meanwhile.
      if ((createError as { code?: string }).code !== '42P04') {
        throw new Error(
          `The PostgreSQL database "${name}" does not exist and could not be created (${errorText(createError)}). ` +
            'Create it (createdb) or give the user CREATEDB.',
          { cause: createError },
        );
      }
    }
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function lockfileFor(provider: Provider): string {
  return `# Written by recflow (src/platform/migrate.ts) in Prisma's format. Do not edit.\nprovider = "${provider}"\n`;
}

/** UTC yyyymmddhhmmss, later than every existing migration so the order stays right. */
function nextTimestamp(): string {
  const now = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const existing = providers.flatMap((p) => readMigrations(p).migrationDirectories.map((d) => d.path.slice(0, 14)));
  const latest = existing.sort().at(-1);
  if (!latest || now > latest) return now;
  // Same second (or a clock behind): one second after the latest.
  const t = latest.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/);
  if (!t) return now;
  const next = new Date(Date.UTC(+t[1]!, +t[2]! - 1, +t[3]!, +t[4]!, +t[5]!, +t[6]! + 1));
  return next.toISOString().replace(/\D/g, '').slice(0, 14);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

function errorText(e: unknown): string {
  const err = e as { message?: string; code?: string };
  const text = err.message ?? String(e);
  return err.code ? `${text} (${err.code})` : text;
}
