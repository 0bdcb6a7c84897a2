// `recflow recurring start|list|stop`: recurring invoices from the command line, on the
// database in DATABASE_URL and the Temporal cluster in TEMPORAL_ADDRESS (or the local dev server).
import { parseArgs } from 'node:util';
import { Client } from '@temporalio/client';
import { loadConfig } from '../platform/config.js';
import { createDb, type Db } from '../platform/db.js';
import { connectTemporal } from '../platform/temporal-connection.js';
import { listRecurring, startRecurring, stopRecurring, type RecurringContext, type RecurringView } from '../recurring/service.js';
import { parseEvery } from '../recurring/spec.js';
import { pickTenant } from './tenant.js';

const usage = `usage: recflow recurring <command> [--tenant <slug>]

  start --opportunity <id> | --invoice <id> [--every "1 month"] [--day 5] [--at 09:00] [--start YYYY-MM-DD]
                     a new invoice (new number) every N months on that day, mailed with its PDF
  list [--status active|stopped]   recurring invoices with their next run times
  stop <id>          no further invoices (stopping twice is harmless)

  --tenant is needed only when the database holds more than one tenant.`;

export async function recurringCommand(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command !== 'start' && command !== 'list' && command !== 'stop') {
    console.error(command ? `unknown recurring command "${command}"\n\n${usage}` : usage);
    process.exitCode = 2;
    return;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: { opportunity: { type: 'string' }, invoice: { type: 'string' }, every: { type: 'string' }, day: { type: 'string' }, at: { type: 'string' }, start: { type: 'string' }, status: { type: 'string' }, tenant: { type: 'string' } },
  });
  const config = loadConfig();
  const db = await createDb(config.databaseUrl);
  const temporal = await connectTemporal(config);
  try {
    const tenantId = (await pickTenant(db, values.tenant)).id;
    const client = new Client({ connection: temporal.connection, namespace: temporal.namespace });
    const ctx: RecurringContext = { db, actor: 'cli', schedules: { client, taskQueue: config.temporal.taskQueue } };
    if (command === 'start') {
      const day = values.day === undefined ? undefined : Number(values.day);
      if (day !== undefined && !Number.isInteger(day)) throw new Error(`--day "${values.day}" is not a day of the month (1–31)`);
      const v = await startRecurring(ctx, {
        tenantId,
        ...(values.opportunity ? { opportunityId: values.opportunity } : {}),
        ...(values.invoice ? { invoiceId: values.invoice } : {}),
        everyMonths: parseEvery(values.every ?? '1 month'),
        ...(day !== undefined ? { dayOfMonth: day } : {}),
        ...(values.at ? { at: values.at } : {}),
        ...(values.start ? { startDate: values.start } : {}),
        ifActive: 'conflict',
      });
      console.log(`started ${v.id}: ${v.cadence} (${v.timeZone}), schedule ${v.scheduleId}`);
      printNext(v);
    } else if (command === 'list') {
      if (values.status && values.status !== 'active' && values.status !== 'stopped') throw new Error(`--status "${values.status}": use active or stopped`);
      const items = await listRecurring(ctx, { tenantId, ...(values.status ? { status: values.status as 'active' | 'stopped' } : {}) });
      if (items.length === 0) console.log('no recurring invoices');
      for (const v of items) {
        const what = v.templateInvoiceId ? `invoice ${v.templateInvoiceId}` : `opportunity ${v.opportunityId}`;
        console.log(`${v.id}  ${v.status.padEnd(7)}  ${v.cadence}  from ${what}  issued ${v.issuedCount}${v.lastPeriod ? ` (last ${v.lastPeriod})` : ''}`);
        printNext(v);
      }
    } else {
      const id = positionals[0];
      if (!id) throw new Error(`which one? recflow recurring stop <id>\n\n${usage}`);
      const v = await stopRecurring(ctx, { tenantId, id });
      console.log(`stopped ${v.id} (${v.stoppedAt} by ${v.stoppedBy}); ${v.issuedCount} invoice(s) issued; schedule ${v.scheduleId} deleted`);
    }
  } finally {
    await db.$disconnect();
    await temporal.connection.close();
    await temporal.nativeConnection.close();
  }
}

function printNext(v: RecurringView): void {
  if (v.nextRuns?.length) console.log(`  next: ${v.nextRuns.join(', ')}`);
}

