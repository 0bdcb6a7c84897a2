import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { prepareSqliteFile } from '../../src/platform/db.js';
import { migrate } from '../../src/platform/migrate.js';
import { createTestSqlite } from '../support/postgres.js';

// `recflow worker` and `recflow api` share one SQLite file: the second to start migrates
// while the first already holds a connection.
describe('SQLite migrations beside an open connection', () => {
  it('apply while another connection has the file open', async () => {
    const { url, cleanup } = createTestSqlite();
    const file = prepareSqliteFile(url);
    const other = new Database(file);
    try {
      other.prepare('SELECT 1').get();
      const { applied } = await migrate(url);
      expect(applied.length).toBeGreaterThan(0);
      const rows = other.prepare('SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL').get() as { n: number };
      expect(rows.n).toBe(applied.length);
      expect((await migrate(url)).applied).toEqual([]);
    } finally {
      other.close();
      cleanup();
    }
  });
});
