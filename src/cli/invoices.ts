// `recflow invoices export --from <date> --to <date> --out <file>`: the accountant's export.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isCalendarDate } from '../domain/dates.js';
import { exportZip, invoicesCsv, invoicesOfPeriod } from '../invoicing/export.js';
import { defaultPdfRenderer } from '../invoicing/pdf.js';
import { loadConfig } from '../platform/config.js';
import { createDb, type Db } from '../platform/db.js';
import { pickTenant } from './tenant.js';

const usage = `usage: recflow invoices export --from YYYY-MM-DD --to YYYY-MM-DD --out <file> [--tenant <slug>]

  Writes every issued invoice of the period (by issue date) of the tenant in DATABASE_URL:
  a .zip with invoices.csv and the PDFs, or only the CSV when --out ends in .csv.
  --tenant is needed only when the database holds more than one tenant.`;

export async function invoicesCommand(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command !== 'export') {
    console.error(command ? `unknown invoices command "${command}"\n\n${usage}` : usage);
    process.exitCode = 2;
    return;
  }
  const { values } = parseArgs({ args: rest, options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, tenant: { type: 'string' } }, strict: true });
  const { from, to, out } = values;
  if (!from || !to || !out) throw new Error(`--from, --to and --out are needed\n\n${usage}`);
  for (const [flag, d] of [['--from', from], ['--to', to]] as const) {
    if (!isCalendarDate(d)) throw new Error(`${flag} "${d}" is not a date (YYYY-MM-DD)`);
  }
  // Read-only: no migrate here (`recflow db migrate` or any start does that).
  const { databaseUrl } = loadConfig();
  const db = await createDb(databaseUrl);
  try {
    const tenantId = (await pickTenant(db, values.tenant)).id;
    const ctx = { db, actor: 'cli' };
    if (out.endsWith('.csv')) {
      const invoices = await invoicesOfPeriod(ctx, { tenantId, from, to });
      await writeFile(out, invoicesCsv(invoices));
      console.log(`wrote ${invoices.length} invoice(s) of ${from}…${to} to ${out}`);
      return;
    }
    const result = await exportZip(ctx, { tenantId, from, to, renderPdf: defaultPdfRenderer });
    await writeFile(out, result.zip);
    console.log(`wrote ${result.count} invoice(s) of ${from}…${to} to ${out} (invoices.csv and ${result.pdfs} PDF(s))`);
  } finally {
    await db.$disconnect();
  }
}

