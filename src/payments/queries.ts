// Imports and bank transactions as the API and CLI show them: plain JSON, amounts as
// numbers of minor units, each transaction with its allocations (undone ones marked).
import { toMinor } from '../domain/money.js';
import { InvoicingError, type InvoicingContext } from '../invoicing/context.js';
import type { ImportSummary } from '../receivables/index.js';

export const OUTCOMES = ['matched', 'split', 'partial', 'overpaid', 'review', 'ignored', 'manual'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface AllocationView {
  paymentId: string;
  invoiceId: string | null;
  number: string | null;
  part: string | null;
  amountMinor: number;
  source: string;
  reversedAt: string | null;
}

export interface TransactionView {
  id: string;
  importId: string;
  line: number;
  bookingDate: string;
  /** Negative for money that went out. */
  amountMinor: number;
  currency: string;
  payerName: string | null;
  payerIban: string | null;
  reference: string | null;
  outcome: Outcome;
  reason: string | null;
  customerId: string | null;
  creditMinor: number;
  /** Not allocated to any invoice nor kept as credit (what a person may still allocate). */
  unallocatedMinor: number;
  allocations: AllocationView[];
}

export interface ImportView {
  id: string;
  fileName: string;
  format: string;
  template: string | null;
  statementDate: string | null;
  lines: number;
  summary: ImportSummary;
  /** Lines skipped because an earlier import holds them. */
  duplicateLines: number[];
  importedBy: string;
  createdAt: string;
}

const withPayments = { payments: { include: { invoice: { select: { number: true } } }, orderBy: { id: 'asc' } } } as const; // uuid v7: creation order

export async function getImport(ctx: InvoicingContext, ref: { tenantId: string; importId: string }): Promise<ImportView> {
  const row = await ctx.db.bankImport.findFirst({ where: { id: ref.importId, tenantId: ref.tenantId } });
  if (!row) throw new InvoicingError('not_found', `no payment import ${ref.importId}`);
  const { duplicateLines = [], ...summary } = row.summary as ImportSummary & { duplicateLines?: number[] };
  return {
    id: row.id, fileName: row.fileName, format: row.format, template: row.template, statementDate: row.statementDate, lines: row.lines,
    summary, duplicateLines, importedBy: row.importedBy, createdAt: row.createdAt.toISOString(),
  };
}

export interface TransactionFilter {
  tenantId: string;
  importId?: string;
  outcome?: Outcome;
  limit?: number;
  offset?: number;
}

/** Transactions in file order (import, line). */
export async function listTransactions(ctx: InvoicingContext, f: TransactionFilter): Promise<TransactionView[]> {
  const rows = await ctx.db.bankTransaction.findMany({
    where: { tenantId: f.tenantId, ...(f.importId && { importId: f.importId }), ...(f.outcome && { outcome: f.outcome }) },
    include: withPayments,
    orderBy: [{ importId: 'asc' }, { line: 'asc' }, { id: 'asc' }],
    take: Math.min(f.limit ?? 1000, 10_000),
    skip: f.offset ?? 0,
  });
  return rows.map(toTransactionView);
}

export async function getTransaction(ctx: InvoicingContext, ref: { tenantId: string; transactionId: string }): Promise<TransactionView> {
  const row = await ctx.db.bankTransaction.findFirst({ where: { id: ref.transactionId, tenantId: ref.tenantId }, include: withPayments });
  if (!row) throw new InvoicingError('not_found', `no bank transaction ${ref.transactionId}`);
  return toTransactionView(row);
}

type Row = NonNullable<Awaited<ReturnType<InvoicingContext['db']['bankTransaction']['findFirst']>>> & {
  payments: { id: string; invoiceId: string | null; part: string | null; amountMinor: bigint; source: string; reversedAt: Date | null; invoice: { number: string | null } | null }[];
};

export function toTransactionView(row: Row): TransactionView {
  const amount = toMinor(row.amountMinor);
  const allocations = row.payments.map((p) => ({
    paymentId: p.id, invoiceId: p.invoiceId, number: p.invoice?.number ?? null, part: p.part, amountMinor: toMinor(p.amountMinor), source: p.source, reversedAt: p.reversedAt?.toISOString() ?? null,
  }));
  const allocated = allocations.filter((a) => !a.reversedAt).reduce((s, a) => s + a.amountMinor, 0);
  const credit = toMinor(row.creditMinor);
  return {
    id: row.id, importId: row.importId, line: row.line, bookingDate: row.bookingDate, amountMinor: amount, currency: row.currency,
    payerName: row.payerName, payerIban: row.payerIban, reference: row.reference, outcome: row.outcome as Outcome, reason: row.reason,
    customerId: row.customerId, creditMinor: credit, unallocatedMinor: amount > 0 && row.outcome !== 'ignored' ? amount - allocated - credit : 0, allocations,
  };
}
