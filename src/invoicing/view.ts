// Invoices as the rest of the app sees them: plain JSON, amounts as numbers (safe
// integers of minor units), dates as strings. Database rows hold amounts as BigInt.
import type { Invoice, InvoiceLine, InvoicePart } from '../generated/sqlite/client/client.js';
import { toMinor } from '../domain/money.js';
import { formatQuantity } from '../domain/quantity.js';
import { statusLabel, type InvoiceStatus } from '../domain/invoice-status.js';
import type { InvoiceKind } from '../domain/numbering.js';
import type { PartKind } from '../domain/parts.js';
import type { TaxRateTotals } from '../domain/totals.js';

export const invoiceInclude = {
  lines: { orderBy: { position: 'asc' } },
  parts: { orderBy: { kind: 'asc' } }, // "prepayment" sorts before "remaining"
} as const;

export type InvoiceRow = Invoice & { lines: InvoiceLine[]; parts: InvoicePart[] };

export interface InvoiceLineView {
  position: number;
  productId: string | null;
  description: string;
  unit: string;
  /** Decimal text, e.g. "1.5". */
  quantity: string;
  quantityMilli: number;
  unitPriceMinor: number;
  discountBp: number;
  taxRateBp: number;
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
}

export interface InvoicePartView {
  kind: PartKind;
  amountMinor: number;
  dueDate: string;
  paidMinor: number;
  reminderCount: number;
  lastReminderDate: string | null;
}

export interface InvoiceView {
  id: string;
  tenantId: string;
  customerId: string;
  kind: InvoiceKind;
  series: string;
  number: string | null;
  status: InvoiceStatus;
  /** What a CRM shows, e.g. "Reminder 2 sent". */
  statusLabel: string;
  reminderCount: number;
  dispatch: 'auto' | 'manual';
  issueDate: string | null;
  dueDate: string;
  currency: string;
  language: string;
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
  paidMinor: number;
  openMinor: number;
  taxBreakdown: TaxRateTotals[];
  referenceId: string | null;
  opportunityId: string | null;
  sourceKey: string | null;
  notes: string | null;
  issuedAt: string | null;
  releasedAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  lines: InvoiceLineView[];
  parts: InvoicePartView[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toInvoiceView(row: InvoiceRow): InvoiceView {
  const status = row.status as InvoiceStatus;
  const gross = toMinor(row.grossMinor);
  const paid = toMinor(row.paidMinor);
  return {
    id: row.id,
    tenantId: row.tenantId,
    customerId: row.customerId,
    kind: row.kind as InvoiceKind,
    series: row.series,
    number: row.number,
    status,
    statusLabel: statusLabel({ status, reminderCount: row.reminderCount }),
    reminderCount: row.reminderCount,
    dispatch: row.dispatch as 'auto' | 'manual',
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    currency: row.currency,
    language: row.language,
    netMinor: toMinor(row.netMinor),
    taxMinor: toMinor(row.taxMinor),
    grossMinor: gross,
    paidMinor: paid,
    openMinor: status === 'cancelled' || status === 'draft' ? 0 : gross - paid,
    taxBreakdown: row.taxBreakdown as unknown as TaxRateTotals[],
    referenceId: row.referenceId,
    opportunityId: row.opportunityId,
    sourceKey: row.sourceKey,
    notes: row.notes,
    issuedAt: iso(row.issuedAt),
    releasedAt: iso(row.releasedAt),
    cancelledAt: iso(row.cancelledAt),
    createdAt: row.createdAt.toISOString(),
    lines: row.lines.map((l) => ({
      position: l.position,
      productId: l.productId,
      description: l.description,
      unit: l.unit,
      quantity: formatQuantity(l.quantityMilli),
      quantityMilli: l.quantityMilli,
      unitPriceMinor: toMinor(l.unitPriceMinor),
      discountBp: l.discountBp,
      taxRateBp: l.taxRateBp,
      netMinor: toMinor(l.netMinor),
      taxMinor: toMinor(l.taxMinor),
      grossMinor: toMinor(l.grossMinor),
    })),
    parts: row.parts.map((p) => ({
      kind: p.kind as PartKind,
      amountMinor: toMinor(p.amountMinor),
      dueDate: p.dueDate,
      paidMinor: toMinor(p.paidMinor),
      reminderCount: p.reminderCount,
      lastReminderDate: p.lastReminderDate,
    })),
  };
}
