// `recflow payments import|review|undo|allocate|ignore`: bank statements into the
// database of DATABASE_URL, the review list and a person's corrections.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatMoney } from '../domain/money.js';
import { loadConfig } from '../platform/config.js';
import { createDb, type Db } from '../platform/db.js';
import {
  allocateTransaction, FORMATS, getTransaction, ignoreTransaction, importStatement, listTransactions, undoAllocation,
  detectFormat, type FormatName, type ImportProgress, type ImportView, type TransactionView,
} from '../payments/index.js';
import { mappingsDir, readTemplate, writeTemplate, templateYaml } from '../payments/templates.js';
import { parseAmount } from '../receivables/statements/amount.js';
import { askMapping } from './payments-mapping.js';
import { pickTenant } from './tenant.js';

const usage = `usage: recflow payments <command> [--tenant <slug>]

  import <file> [--template <name>] [--format csv|camt|mt940]
                        import a bank statement (camt.053/054, MT940, CSV); a CSV without
                        --template starts a guided mapping and saves it as a template
  review [--import <id>]          transactions waiting for a person
  undo <paymentId>                undo one allocation (the others of its transaction stay)
  allocate <transactionId> <invoice number or id> [amount, e.g. 120.50]
  ignore <transactionId> [reason] not a customer payment

  Templates are YAML files in <RECFLOW_DATA_DIR>/mappings/<tenant>/<name>.yaml.
  --tenant is needed only when the database holds more than one tenant.`;

export async function paymentsCommand(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true, strict: true,
    options: { tenant: { type: 'string' }, template: { type: 'string' }, format: { type: 'string' }, import: { type: 'string' } },
  });
  const run = commands[command as keyof typeof commands];
  if (!run) {
    console.error(command ? `unknown payments command "${command}"\n\n${usage}` : usage);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const db = await createDb(config.databaseUrl);
  try {
    const tenant = await pickTenant(db, values.tenant);
    await run({ db, actor: `cli:${process.env.USER ?? 'user'}`, tenant, dataDir: config.dataDir, values, positionals });
  } finally {
    await db.$disconnect();
  }
}

interface Run {
  db: Db;
  actor: string;
  tenant: { id: string; slug: string };
  dataDir: string;
  values: { template?: string; format?: string; import?: string };
  positionals: string[];
}

const commands = {
  async import(r: Run) {
    const file = r.positionals[0];
    if (!file) throw new Error(`name the statement file\n\n${usage}`);
    if (r.values.format && !(FORMATS as readonly string[]).includes(r.values.format)) throw new Error(`--format "${r.values.format}": one of ${FORMATS.join(', ')}`);
    const bytes = new Uint8Array(await readFile(file));
    const fileName = path.basename(file);
    const format = (r.values.format as FormatName | undefined) ?? detectFormat(bytes, fileName);
    const dir = mappingsDir(r.dataDir, r.tenant.slug);
    let template;
    if (format === 'csv') {
      if (r.values.template) template = (await readTemplate(dir, r.values.template)).template;
      else {
        const answers = await askMapping(bytes, fileName, { input: process.stdin, output: process.stdout });
        const saved = await writeTemplate(dir, answers.name, templateYaml(answers));
        template = saved.template;
        console.log(`saved mapping template "${template.name}" to ${saved.file}; next time: recflow payments import <file> --template ${template.name}`);
      }
    }
    const imp = await importStatement({ db: r.db, actor: r.actor }, { tenantId: r.tenant.id, bytes, fileName, format, ...(template && { template }), onProgress: progressBar(fileName) });
    printImport(imp);
    printReview(await listTransactions({ db: r.db, actor: r.actor }, { tenantId: r.tenant.id, importId: imp.id, outcome: 'review' }));
  },
  async review(r: Run) {
    printReview(await listTransactions({ db: r.db, actor: r.actor }, { tenantId: r.tenant.id, outcome: 'review', ...(r.values.import && { importId: r.values.import }) }));
  },
  async undo(r: Run) {
    const paymentId = r.positionals[0];
    if (!paymentId) throw new Error(`name the payment (allocation) to undo\n\n${usage}`);
    const u = await undoAllocation({ db: r.db, actor: r.actor }, { tenantId: r.tenant.id, paymentId });
    console.log(`undone: payment ${u.paymentId}; the invoice is ${u.invoiceStatus} now`);
    if (u.transaction) printReview([u.transaction]);
  },
  async allocate(r: Run) {
    const [transactionId, invoice, amount] = r.positionals;
    if (!transactionId || !invoice) throw new Error(`name the transaction and the invoice\n\n${usage}`);
    const ctx = { db: r.db, actor: r.actor };
    const tx = await getTransaction(ctx, { tenantId: r.tenant.id, transactionId });
    const amountMinor = amount === undefined ? undefined : parseAmount(amount, { decimal: '.', thousands: '' }, tx.currency);
    const after = await allocateTransaction(ctx, { tenantId: r.tenant.id, transactionId, invoice, ...(amountMinor !== undefined && { amountMinor }) });
    console.log(`allocated: ${describe(after)}`);
  },
  async ignore(r: Run) {
    const [transactionId, ...reason] = r.positionals;
    if (!transactionId) throw new Error(`name the transaction\n\n${usage}`);
    const after = await ignoreTransaction({ db: r.db, actor: r.actor }, { tenantId: r.tenant.id, transactionId, ...(reason.length && { reason: reason.join(' ') }) });
    console.log(`ignored: ${describe(after)}`);
  },
};

function printImport(imp: ImportView): void {
  const s = imp.summary;
  console.log(`${imp.fileName} (${imp.format}${imp.template ? `, template ${imp.template}` : ''}): ${s.lines} lines, newest booking ${imp.statementDate ?? '—'}, import ${imp.id}`);
  console.log(`  matched ${s.matched} · split ${s.split} · partial ${s.partial} · overpaid ${s.overpaid} · to review ${s.review} · duplicate ${s.duplicate} · ignored ${s.ignored}`);
}

function printReview(list: TransactionView[]): void {
  if (list.length === 0) {
    console.log('nothing to review');
    return;
  }
  console.log(`to review (${list.length}):`);
  for (const t of list) console.log(`  ${describe(t)}`);
}

function describe(t: TransactionView): string {
  const allocated = t.allocations.filter((a) => !a.reversedAt).map((a) => `${a.number ?? a.invoiceId} ${formatMoney(a.amountMinor, t.currency)} (payment ${a.paymentId})`);
  return [
    `${t.id}  line ${t.line}  ${t.bookingDate}  ${formatMoney(t.amountMinor, t.currency)}  ${t.payerName ?? '—'}  "${t.reference ?? ''}"`,
    `      ${t.outcome}${t.reason ? `: ${t.reason}` : ''}${t.unallocatedMinor ? ` · unallocated ${formatMoney(t.unallocatedMinor, t.currency)}` : ''}${allocated.length ? ` · to ${allocated.join(', ')}` : ''}`,
  ].join('\n');
}

/** A bar on a terminal; plain lines (one per phase) in logs and pipes. */
function progressBar(fileName: string): (p: ImportProgress) => void {
  const tty = process.stderr.isTTY;
  const t0 = performance.now();
  let phase = '';
  let drawn = 0;
  return (p) => {
    if (tty) {
      const now = performance.now();
      if (p.phase === phase && p.done !== p.total && now - drawn < 100) return;
      drawn = now;
      const width = 30;
      const filled = p.total ? Math.round((p.done / p.total) * width) : width;
      process.stderr.write(`\r${p.phase.padEnd(6)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total}   `);
      if (p.phase === 'done') process.stderr.write(`\r${' '.repeat(width + 40)}\r`);
    } else if (p.phase !== phase) {
      const words = { parse: `reading ${fileName}`, match: `matching ${p.total} lines`, write: `writing ${p.total} rows`, done: `done in ${((performance.now() - t0) / 1000).toFixed(1)} s` };
      process.stderr.write(`${words[p.phase]}\n`);
    }
    phase = p.phase;
  };
}

