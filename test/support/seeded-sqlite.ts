// A migrated SQLite database with the demo tenant, a data folder, and activity deps on
// them (no mailer): for tests that call activities directly.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ActivityDeps } from '../../activities/deps.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { migrate } from '../../src/platform/migrate.js';
import { seedDemo } from '../../src/seed.js';
import { createTestSqlite } from './postgres.js';

export interface SeededSqlite {
  db: Db;
  dataDir: string;
  deps: ActivityDeps;
  cleanup(): Promise<void>;
}

export async function seededSqlite(): Promise<SeededSqlite> {
  const sqlite = createTestSqlite();
  await migrate(sqlite.url);
  const db = await createDb(sqlite.url);
  await seedDemo(db);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-seeded-'));
  return {
    db,
    dataDir,
    deps: { db, mailer: undefined as never, dataDir, mailFrom: 'x@recflow.test', mailDomain: 'recflow.test' },
    cleanup: async () => {
      await db.$disconnect();
      sqlite.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
