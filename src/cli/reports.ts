// `recflow reports aging [--format csv|json] [--date YYYY-MM-DD] [--tenant <slug>]`:
// the aging report of open receivables from the database in DATABASE_URL.
import { parseArgs } from 'node:util';
import { isCalendarDate } from '../domain/dates.js';
import { agingOf } from '../dunning/aging.js';
import { loadConfig } from '../platform/config.js';
import { createDb, type Db } from '../platform/db.js';
import { renderAgingCsv, renderAgingJson } from '../receivables/aging/render.js';
import { pickTenant } from './tenant.js';

const usage = `usage: recflow reports aging [--format csv|json] [--date YYYY-MM-DD] [--tenant <slug>]

  Open receivables per customer and in total, per currency, in buckets by days past due
  (not due, 1-30, 31-60, 61-90, over 90) as of --date (default today in the tenant's
  time zone). CSV has decimal amounts; JSON has integer minor units.`;

export async function reportsCommand(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command !== 'aging') {
    console.error(command ? `unknown reports command "${command}"\n\n${usage}` : usage);
    process.exitCode = 2;
    return;
  }
  const { values } = parseArgs({ args: rest, options: { format: { type: 'string', default: 'csv' }, date: { type: 'string' }, tenant: { type: 'string' } }, strict: true });
  if (values.format !== 'csv' && values.format !== 'json') throw new Error(`--format "${values.format}": use csv or json`);
  if (values.date !== undefined && !isCalendarDate(values.date)) throw new Error(`--date "${values.date}" is not a date (YYYY-MM-DD)`);
  await withDb(async (db) => {
    const tenantId = (await pickTenant(db, values.tenant)).id;
    const report = await agingOf({ db, actor: 'cli' }, { tenantId, ...(values.date && { date: values.date }) });
    process.stdout.write(values.format === 'csv' ? renderAgingCsv(report) : renderAgingJson(report));
  });
}

/** Opens DATABASE_URL for one command (no migrate: `recflow db migrate` or any start does that). */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await createDb(loadConfig().databaseUrl);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

