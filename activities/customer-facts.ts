// What rules know about a customer: its record, custom fields and its receivables today.
import { formatMoney, toMinor } from '../src/domain/money.js';
import { OPEN_STATUSES } from '../src/invoicing/index.js';
import type { ActivityDeps } from './deps.js';

export interface CustomerFacts {
  id: string;
  name: string;
  email: string;
  language: string;
  currency: string;
  vatId: string | null;
  /** active | suspended */
  serviceStatus: string;
  custom: Record<string, unknown>;
  /** Open overdue amount in the customer's currency, formatted; conditions read overdueAmountMinor. */
  overdueAmount: string;
  overdueAmountMinor: number;
  /** Open invoices past their due date (any currency). */
  overdueInvoices: number;
  /** Days the oldest open overdue invoice is past due; 0 when nothing is overdue. */
  overdueDays: number;
  /** Open invoices not overdue yet, one line each, soonest due first: "INV-2026-0001 · RON 1,200.00 · due 2026-03-16". */
  invoicesDue: string;
  /** Open overdue invoices, one line each, oldest first. */
  invoicesOverdue: string;
}

const DAY = 86_400_000;
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

type CustomerRow = { id: string; tenantId: string; name: string; email: string; language: string; currency: string; vatId: string | null; serviceStatus: string; customFields: unknown };

/** Reads the customer's open invoices as of `today` (a tenant-local calendar date). */
export async function customerFacts(deps: ActivityDeps, customer: CustomerRow, today: string): Promise<CustomerFacts> {
  const open = await deps.db.invoice.findMany({
    where: { tenantId: customer.tenantId, customerId: customer.id, status: { in: OPEN_STATUSES }, kind: { in: ['proforma', 'final'] }, number: { not: null } },
    orderBy: [{ dueDate: 'asc' }, { number: 'asc' }],
    select: { number: true, dueDate: true, currency: true, grossMinor: true, paidMinor: true },
  });
  const rows = open.map((i) => ({ ...i, openMinor: toMinor(i.grossMinor) - toMinor(i.paidMinor) })).filter((i) => i.openMinor > 0);
  const overdue = rows.filter((i) => i.dueDate < today);
  const line = (i: (typeof rows)[number]) => `${i.number} · ${formatMoney(i.openMinor, i.currency)} · due ${i.dueDate}`;
  const overdueMinor = overdue.filter((i) => i.currency === customer.currency).reduce((sum, i) => sum + i.openMinor, 0);
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    language: customer.language,
    currency: customer.currency,
    vatId: customer.vatId,
    serviceStatus: customer.serviceStatus,
    custom: (customer.customFields ?? {}) as Record<string, unknown>,
    overdueAmount: formatMoney(overdueMinor, customer.currency),
    overdueAmountMinor: overdueMinor,
    overdueInvoices: overdue.length,
    overdueDays: overdue.length ? daysBetween(overdue[0]!.dueDate, today) : 0,
    invoicesDue: rows.filter((i) => i.dueDate >= today).map(line).join('\n'),
    invoicesOverdue: overdue.map(line).join('\n'),
  };
}
