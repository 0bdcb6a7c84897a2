// Migrations on real, fresh databases: applied once, recorded, and covering the models.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../prisma/schema.mjs';
import { createMigration, migrate } from '../../src/platform/migrate.js';
import { createTestDatabase, createTestSqlite, postgresServerUrl } from '../support/postgres.js';

interface MigrationRow {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  applied_steps_count: number;
}

const expectedNames = (provider: 'sqlite' | 'postgresql') =>
  readdirSync(migrationsDir(provider), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

async function migrationRows(url: string): Promise<MigrationRow[]> {
  const sql = 'SELECT migration_name, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name';
  if (url.startsWith('file:')) {
    const db = new Database(url.slice('file:'.length), { readonly: true });
    try {
      return db.prepare(sql).all() as MigrationRow[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<MigrationRow>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.each(['sqlite', 'postgresql'] as const)('migrate on %s', (provider) => {
  let url: string;
  let cleanup: () => Promise<void> | void;

  beforeAll(async () => {
    const db = provider === 'sqlite' ? createTestSqlite() : await createTestDatabase(postgresServerUrl());
    url = db.url;
    cleanup = 'drop' in db ? db.drop : db.cleanup;
  });
  afterAll(() => cleanup?.());

  it('applies every migration to a fresh database, then nothing', async () => {
    const names = expectedNames(provider);
    expect(names.length).toBeGreaterThan(0);

    const first = await migrate(url);
    expect(first.applied).toEqual(names);
    const second = await migrate(url);
    expect(second.applied).toEqual([]);
  });

  it('records each migration in _prisma_migrations as finished', async () => {
    const rows = await migrationRows(url);
    expect(rows.map((r) => r.migration_name)).toEqual(expectedNames(provider));
    for (const row of rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
    }
  });
});

describe('migrate', () => {
  it('creates the SQLite file and its folder', async () => {
    const db = createTestSqlite();
    try {
      const nested = db.url.replace(/test\.db$/, 'a/b/recflow.db');
      expect((await migrate(nested)).applied.length).toBeGreaterThan(0);
    } finally {
      db.cleanup();
    }
  });

  it('lets concurrent SQLite migrations in one process take turns', async () => {
    const db = createTestSqlite();
    try {
      const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, expectedNames('sqlite').length]);
    } finally {
      db.cleanup();
    }
  });

  it('lets SQLite migrations from several processes take turns (worker and API starting together)', async () => {
    const db = createTestSqlite();
    try {
      const runs = Array.from({ length: 3 }, async () => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'db', 'migrate'], {
          env: { ...process.env, DATABASE_URL: db.url },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        const [code] = await once(child, 'exit');
        return { code, output };
      });
      const results = await Promise.all(runs);
      expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
      const applied = results.filter((r) => /applied \d+ migration/.test(r.output));
      expect(applied, results.map((r) => r.output).join('\n')).toHaveLength(1);
      expect(await migrationRows(db.url)).toHaveLength(expectedNames('sqlite').length);
    } finally {
      db.cleanup();
    }
  });

  it('lets concurrent PostgreSQL migrations take turns: one applies, the others find nothing', async () => {
    const db = await createTestDatabase(postgresServerUrl());
    try {
      const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
      const applied = results.map((r) => r.applied.length).sort();
      expect(applied).toEqual([0, 0, expectedNames('postgresql').length]);
      expect(await migrationRows(db.url)).toHaveLength(expectedNames('postgresql').length);
    } finally {
      await db.drop();
    }
  });

  it('creates a missing PostgreSQL database on an existing server', async () => {
    const db = await createTestDatabase(postgresServerUrl());
    await db.drop(); // keep its unique name, lose the database
    try {
      expect((await migrate(db.url)).applied).toEqual(expectedNames('postgresql'));
    } finally {
      await db.drop();
    }
  });

  it('says which database failed and why', async () => {
    await expect(migrate('postgresql://nobody:secret@127.0.0.1:1/none')).rejects.toThrow(
      /Migrating the postgresql database postgresql:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none failed/,
    );
  });
});

describe('createMigration', () => {
  it('finds nothing to write: the committed migrations cover prisma/models.prisma on both providers', async () => {
    const result = await createMigration('check', { dryRun: true, postgresUrl: postgresServerUrl() });
    expect(result.scripts).toEqual({});
    expect(result.name).toBeNull();
  });

  it('rejects a name without letters or digits', async () => {
    await expect(createMigration('  !! ', { dryRun: true })).rejects.toThrow(/needs a name of letters and digits/);
  });
});
