// importStatement: a bank statement file in, every line matched and allocated, all in one
// transaction — a file imports as a whole or not at all. The same file twice is refused
// (sha256); lines already imported from an overlapping statement are duplicates.
import { createHash } from 'node:crypto';
import { applyAllocations, type AllocationInput } from '../invoicing/allocation.js';
import { chunks, insertRows, orderedId } from '../invoicing/allocation-writes.js';
import { InvoicingError, nowOf, type InvoicingContext } from '../invoicing/context.js';
import { isTransient } from '../invoicing/numbering.js';
import { isUniqueViolation, type DbTransaction } from '../platform/db.js';
import { matchPayments, summarise, type BankTransaction, type CsvTemplate, type MatchDecision } from '../receivables/index.js';
import { loadOpenItems } from './open-items.js';
import { getImport, type ImportView } from './queries.js';
import { readStatement, type FormatName } from './statement.js';

export interface ImportInput {
  tenantId: string;
  bytes: Uint8Array;
  fileName: string;
  /** Detected from the content when omitted. */
  format?: FormatName;
  /** The CSV mapping template (CSV only) and its name, kept on the import. */
  template?: CsvTemplate;
  /** Called as phases advance; awaited, so a caller may pause the import (tests do). */
  onProgress?: (p: ImportProgress) => void | Promise<void>;
}

export interface ImportProgress {
  phase: 'parse' | 'match' | 'write' | 'done';
  done: number;
  total: number;
}

/** Rows per INSERT: far below SQLite's 32766 bound variables at 14 columns a row. */
const BATCH = 1000;

/**
 * Imports one statement file. Throws StatementError (every bad line) or InvoicingError
 * (already imported, no template for a CSV); then nothing was written.
 * @example const imp = await importStatement(ctx, { tenantId, bytes, fileName: 'camt053.xml' }); imp.summary.matched
 */
export async function importStatement(ctx: InvoicingContext, input: ImportInput): Promise<ImportView> {
  const progress = input.onProgress ?? (() => {});
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const seen = await ctx.db.bankImport.findUnique({ where: { tenantId_sha256: { tenantId: input.tenantId, sha256 } } });
  if (seen) throw alreadyImported(input.fileName, seen);
  await progress({ phase: 'parse', done: 0, total: 1 });
  const statement = readStatement(input.bytes, input);
  const lines = statement.transactions;
  await progress({ phase: 'parse', done: 1, total: 1 });
  const imported = await knownRefs(ctx, input.tenantId, lines.map((t) => t.bankRef));
  for (let attempt = 1; ; attempt++) {
    // Matching reads the open items outside the transaction; the writes check that no
    // invoice changed meanwhile (a conflict), and then the whole import runs again.
    const items = await loadOpenItems(ctx.db, input.tenantId);
    await progress({ phase: 'match', done: 0, total: lines.length });
    const decisions = matchPayments(lines, items, { alreadyImported: imported });
    await progress({ phase: 'match', done: lines.length, total: lines.length });
    try {
      const id = await ctx.db.$transaction((tx) => write(tx, ctx, input, { sha256, format: statement.format, lines, decisions, progress }), { maxWait: 30_000, timeout: 600_000 });
      await progress({ phase: 'done', done: lines.length, total: lines.length });
      return getImport(ctx, { tenantId: input.tenantId, importId: id });
    } catch (e) {
      if (isUniqueViolation(e)) {
        const twin = await ctx.db.bankImport.findUnique({ where: { tenantId_sha256: { tenantId: input.tenantId, sha256 } } });
        if (twin) throw alreadyImported(input.fileName, twin);
      }
      // conflict: an invoice changed meanwhile; invalid_state: one was paid or cancelled meanwhile.
      const retry = (e instanceof InvoicingError && (e.code === 'conflict' || e.code === 'invalid_state')) || isTransient(e);
      if (!retry || attempt >= 3) throw e;
    }
  }
}

interface Prepared {
  sha256: string;
  format: FormatName;
  lines: BankTransaction[];
  decisions: MatchDecision[];
  progress: (p: ImportProgress) => void | Promise<void>;
}

async function write(tx: DbTransaction, ctx: InvoicingContext, input: ImportInput, p: Prepared): Promise<string> {
  const { lines, decisions } = p;
  const summary = summarise(decisions);
  const duplicateLines = lines.filter((_, i) => decisions[i]!.kind === 'duplicate').map((t) => t.line);
  const statementDate = lines.reduce<string | null>((max, t) => (max === null || t.bookingDate > max ? t.bookingDate : max), null);
  const imp = await tx.bankImport.create({
    data: {
      tenantId: input.tenantId, format: lines[0]?.format ?? p.format, fileName: input.fileName, sha256: p.sha256, template: input.template?.name ?? null,
      statementDate, lines: lines.length, summary: { ...summary, duplicateLines }, importedBy: ctx.actor,
    },
  });
  const rows: Record<string, unknown>[] = [];
  const allocations: AllocationInput[] = [];
  const credits: Record<string, unknown>[] = [];
  const now = nowOf(ctx);
  lines.forEach((t, i) => {
    const d = decisions[i]!;
    if (d.kind === 'duplicate') return;
    const id = orderedId();
    const matched = d.kind !== 'review' && d.kind !== 'ignored';
    const reason = d.kind === 'review' ? `${d.reason}${d.candidates.length ? ` (candidates: ${d.candidates.join(', ')})` : ''}` : d.kind === 'ignored' ? d.reason : null;
    rows.push({
      id, tenantId: input.tenantId, importId: imp.id, line: t.line, bankRef: t.bankRef, bookingDate: t.bookingDate,
      amountMinor: t.direction === 'debit' ? -t.amountMinor : t.amountMinor, currency: t.currency,
      payerName: t.payerName ?? null, payerIban: t.payerIban ?? null, reference: t.reference || t.creditorReference || null,
      outcome: d.kind, reason, customerId: matched ? d.customerId : null, creditMinor: matched ? d.creditMinor : 0, createdAt: now,
    });
    if (!matched) return;
    for (const a of d.allocations) {
      allocations.push({ invoiceId: a.invoiceId, amountMinor: a.amountMinor, part: a.part, paidOn: t.bookingDate, reference: t.reference || null, source: 'bank', transactionId: id, currency: t.currency });
    }
    if (d.creditMinor > 0) {
      credits.push({ id: orderedId(), createdAt: now, tenantId: input.tenantId, customerId: d.customerId, transactionId: id, amountMinor: d.creditMinor, currency: d.currency, reason: `overpayment of ${d.allocations.map((a) => a.number).join(', ')} (line ${t.line} of ${input.fileName})` });
    }
  });
  const total = rows.length + allocations.length;
  let done = 0;
  for (const c of chunks(rows, BATCH)) {
    await insertRows(tx, 'BankTransaction', c);
    await p.progress({ phase: 'write', done: (done += c.length), total });
  }
  // Allocations in slices, so a large file still reports progress while it writes.
  for (const c of chunks(allocations, 5 * BATCH)) {
    await applyAllocations(tx, ctx, input.tenantId, c);
    await p.progress({ phase: 'write', done: (done += c.length), total });
  }
  await insertRows(tx, 'CustomerCredit', credits);
  return imp.id;
}

async function knownRefs(ctx: InvoicingContext, tenantId: string, refs: string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const c of chunks(refs, BATCH)) {
    const rows = await ctx.db.bankTransaction.findMany({ where: { tenantId, bankRef: { in: c } }, select: { bankRef: true } });
    for (const r of rows) known.add(r.bankRef);
  }
  return known;
}

function alreadyImported(fileName: string, seen: { id: string; fileName: string; createdAt: Date }): InvoicingError {
  return new InvoicingError('invalid_state', `${fileName} was already imported on ${seen.createdAt.toISOString().slice(0, 10)} as ${seen.fileName} (import ${seen.id}); nothing was imported again`);
}
