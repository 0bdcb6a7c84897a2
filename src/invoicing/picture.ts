// A customer's financial picture (seed 002): what was invoiced, credited and paid in a
// period, what is open and overdue now, and how much of the credit limit that uses —
// per currency, because amounts in different currencies are never added up.
import { localDate } from '../domain/dates.js';
import { toMinor } from '../domain/money.js';
import { InvoicingError, nowOf, type InvoicingContext } from './context.js';
import { OPEN_STATUSES } from './queries.js';
import { invoiceInclude, toInvoiceView, type InvoiceView } from './view.js';

export interface CurrencyPicture {
  currency: string;
  /** Net of final invoices, credit notes and stornos issued in the period. */
  turnoverNetMinor: number;
  invoicedGrossMinor: number;
  /** Credit notes and stornos in the period (negative). */
  creditedGrossMinor: number;
  paymentsMinor: number;
  /** Now, whatever the period: final invoices still open, less open credit notes. */
  openMinor: number;
  overdueMinor: number;
  /** Proformas still open (payment requests, not yet debt). */
  openProformasMinor: number;
  /** Now: overpayments kept as customer credit (bank import) and not reversed. */
  creditMinor: number;
}

export interface FinancialPicture {
  customerId: string;
  period: { from: string; to: string };
  currencies: CurrencyPicture[];
  creditLimit: { currency: string; limitMinor: number | null; usedMinor: number; usedBp: number | null };
  invoices: InvoiceView[];
  creditNotes: InvoiceView[];
  payments: { id: string; invoiceId: string | null; amountMinor: number; currency: string; paidOn: string; reference: string | null }[];
}

export async function financialPicture(
  ctx: InvoicingContext,
  q: { tenantId: string; customerId: string; from: string; to: string },
): Promise<FinancialPicture> {
  const customer = await ctx.db.customer.findFirst({ where: { id: q.customerId, tenantId: q.tenantId }, include: { tenant: true } });
  if (!customer) throw new InvoicingError('not_found', `no customer ${q.customerId}`);
  const today = localDate(nowOf(ctx), customer.tenant.timeZone);
  const rows = await ctx.db.invoice.findMany({
    where: { tenantId: q.tenantId, customerId: q.customerId, status: { not: 'draft' } },
    include: invoiceInclude,
    orderBy: [{ issueDate: 'asc' }, { seq: 'asc' }],
  });
  const all = rows.map(toInvoiceView);
  const inPeriod = (d: string | null) => d !== null && d >= q.from && d <= q.to;
  const payments = await ctx.db.payment.findMany({ where: { tenantId: q.tenantId, customerId: q.customerId, paidOn: { gte: q.from, lte: q.to } }, orderBy: { paidOn: 'asc' } });
  const byCurrency = new Map<string, CurrencyPicture>();
  const cur = (c: string) => byCurrency.get(c) ?? byCurrency.set(c, { currency: c, turnoverNetMinor: 0, invoicedGrossMinor: 0, creditedGrossMinor: 0, paymentsMinor: 0, openMinor: 0, overdueMinor: 0, openProformasMinor: 0, creditMinor: 0 }).get(c)!;
  for (const inv of all) {
    const p = cur(inv.currency);
    const open = OPEN_STATUSES.includes(inv.status) ? inv.openMinor : 0;
    if (inv.kind === 'proforma') {
      p.openProformasMinor += open;
      continue;
    }
    if (inPeriod(inv.issueDate)) {
      p.turnoverNetMinor += inv.netMinor;
      if (inv.kind === 'final') p.invoicedGrossMinor += inv.grossMinor;
      else p.creditedGrossMinor += inv.grossMinor;
    }
    if (inv.kind === 'storno') continue;
    p.openMinor += open;
    if (open > 0 && inv.dueDate < today) p.overdueMinor += open;
  }
  for (const pay of payments) cur(pay.currency).paymentsMinor += toMinor(pay.amountMinor);
  const credits = await ctx.db.customerCredit.findMany({ where: { tenantId: q.tenantId, customerId: q.customerId, reversedAt: null }, select: { amountMinor: true, currency: true } });
  for (const credit of credits) cur(credit.currency).creditMinor += toMinor(credit.amountMinor);
  const used = Math.max(byCurrency.get(customer.currency)?.openMinor ?? 0, 0);
  const limit = customer.creditLimitMinor === null ? null : toMinor(customer.creditLimitMinor);
  return {
    customerId: customer.id,
    period: { from: q.from, to: q.to },
    currencies: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    creditLimit: { currency: customer.currency, limitMinor: limit, usedMinor: used, usedBp: limit ? Math.round((used * 10_000) / limit) : null },
    invoices: all.filter((i) => i.kind === 'final' && inPeriod(i.issueDate)),
    creditNotes: all.filter((i) => (i.kind === 'credit_note' || i.kind === 'storno') && inPeriod(i.issueDate)),
    payments: payments.map((p) => ({ id: p.id, invoiceId: p.invoiceId, amountMinor: toMinor(p.amountMinor), currency: p.currency, paidOn: p.paidOn, reference: p.reference })),
  };
}
