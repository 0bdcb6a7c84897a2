import { localDate } from '../domain/dates.js';
import type { InvoiceStatus } from '../domain/invoice-status.js';
import type { InvoiceKind } from '../domain/numbering.js';
import type { Prisma } from '../platform/db.js';
import { nowOf, type InvoicingContext } from './context.js';
import { findInvoice } from './state.js';
import { invoiceInclude, toInvoiceView, type InvoiceView } from './view.js';

/** Statuses that still expect money. */
export const OPEN_STATUSES: InvoiceStatus[] = ['awaiting_release', 'issued', 'sent', 'due', 'partially_paid', 'reminded'];

export interface InvoiceFilter {
  tenantId: string;
  kind?: InvoiceKind;
  status?: InvoiceStatus;
  customerId?: string;
  /** paid: status paid; unpaid: issued and still open. */
  payment?: 'paid' | 'unpaid';
  /** Open and past the due date (tenant's today). */
  overdue?: boolean;
  /** Issue date range, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export async function getInvoice(ctx: InvoicingContext, ref: { tenantId: string; invoiceId: string }): Promise<InvoiceView> {
  return toInvoiceView(await findInvoice(ctx.db, ref.tenantId, ref.invoiceId));
}

/** Invoices matching a filter, newest issue date first; drafts (no issue date) last. */
export async function listInvoices(ctx: InvoicingContext, f: InvoiceFilter): Promise<InvoiceView[]> {
  const where = await invoiceWhere(ctx, f);
  const rows = await ctx.db.invoice.findMany({
    where,
    include: invoiceInclude,
    orderBy: [{ issueDate: { sort: 'desc', nulls: 'last' } }, { seq: 'desc' }, { createdAt: 'desc' }],
    take: Math.min(f.limit ?? 100, 1000),
    skip: f.offset ?? 0,
  });
  return rows.map(toInvoiceView);
}

export async function invoiceWhere(ctx: InvoicingContext, f: InvoiceFilter): Promise<Prisma.InvoiceWhereInput> {
  const and: Prisma.InvoiceWhereInput[] = [{ tenantId: f.tenantId }];
  if (f.kind) and.push({ kind: f.kind });
  if (f.status) and.push({ status: f.status });
  if (f.customerId) and.push({ customerId: f.customerId });
  if (f.payment === 'paid') and.push({ status: 'paid' });
  if (f.payment === 'unpaid') and.push({ status: { in: OPEN_STATUSES } });
  if (f.from) and.push({ issueDate: { gte: f.from } });
  if (f.to) and.push({ issueDate: { lte: f.to } });
  if (f.overdue) {
    const tenant = await ctx.db.tenant.findUniqueOrThrow({ where: { id: f.tenantId } });
    and.push({ status: { in: OPEN_STATUSES }, dueDate: { lt: localDate(nowOf(ctx), tenant.timeZone) } });
  }
  return { AND: and };
}
