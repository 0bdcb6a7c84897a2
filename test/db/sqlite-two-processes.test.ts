import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config.js';
import { createDb } from '../../src/platform/db.js';
import { migrate } from '../../src/platform/migrate.js';
import { DEMO, seedDemo } from '../../src/seed.js';
import { createTestSqlite } from '../support/postgres.js';
import { bump } from '../support/sqlite-bumper.js';

// `recflow worker` and `recflow api` on one SQLite file: transactions in two processes that
// read, wait, then write. With a plain BEGIN both may hold a read lock and want to write;
// SQLite then fails one at once with SQLITE_BUSY (waiting would deadlock). Taking the write
// lock at BEGIN makes the second wait its turn.
describe('SQLite shared by two processes', () => {
  it('runs interleaved read-then-write transactions in two processes without SQLITE_BUSY', async () => {
    const { url, cleanup } = createTestSqlite();
    await migrate(url);
    const db = await createDb(url);
    try {
      await seedDemo(db);
      const before = (await db.opportunity.findUniqueOrThrow({ where: { id: DEMO.opportunityId } })).amountMinor;
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'test/support/sqlite-bumper.ts'), url, '40'], { cwd: projectRoot });
      const exited = once(child, 'exit');
      let said = '';
      child.stdout.on('data', (d: Buffer) => (said += d.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => said.includes('ready') && resolve());
        child.once('exit', () => reject(new Error(`the other process ended early: ${said}`)));
      });
      const failures: string[] = [];
      for (let i = 0; i < 40; i++) await bump(db).catch((e: Error) => failures.push(e.message.split('\n').at(-1)!));
      expect(failures).toEqual([]);
      await exited;
      expect(said.trim().split('\n').at(-1)).toBe('ok');
      expect((await db.opportunity.findUniqueOrThrow({ where: { id: DEMO.opportunityId } })).amountMinor).toBe(before + 80);
    } finally {
      await db.$disconnect();
      cleanup();
    }
  }, 120_000);
});
