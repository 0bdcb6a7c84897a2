// The tenant's open items as matching needs them: every unpaid part of an issued proforma
// or final invoice, with the customer's IBANs (CustomerBankAccount) and name.
import { toMinor } from '../domain/money.js';
import type { PartKind } from '../domain/parts.js';
import { OPEN_STATUSES } from '../invoicing/queries.js';
import type { Db } from '../platform/db.js';
import type { OpenItem } from '../receivables/index.js';

export async function loadOpenItems(db: Db, tenantId: string): Promise<OpenItem[]> {
  const [invoices, customers] = await Promise.all([
    db.invoice.findMany({
      where: { tenantId, kind: { in: ['proforma', 'final'] }, status: { in: OPEN_STATUSES }, number: { not: null } },
      select: { id: true, number: true, customerId: true, currency: true, dunningStop: true, parts: true },
    }),
    db.customer.findMany({ where: { tenantId }, select: { id: true, name: true, branchId: true, dunningStop: true, bankAccounts: { select: { iban: true } } } }),
  ]);
  // One array per customer, shared by all its items (OpenItem says payer data is customer data).
  const payer = new Map(customers.map((c) => [c.id, { ibans: c.bankAccounts.map((a) => a.iban), names: [c.name], branchId: c.branchId, stop: c.dunningStop !== null }]));
  const items: OpenItem[] = [];
  for (const inv of invoices) {
    const c = payer.get(inv.customerId)!;
    for (const p of inv.parts) {
      const amount = toMinor(p.amountMinor);
      const open = amount - toMinor(p.paidMinor);
      if (open <= 0) continue;
      items.push({
        invoiceId: inv.id, number: inv.number!, customerId: inv.customerId, ...(c.branchId && { branchId: c.branchId }),
        payerIbans: c.ibans, payerNames: c.names, currency: inv.currency, part: p.kind as PartKind,
        amountMinor: amount, openMinor: open, dueDate: p.dueDate, remindersCount: p.reminderCount,
        ...(p.lastReminderDate && { lastReminderDate: p.lastReminderDate }), dunningStop: inv.dunningStop !== null || c.stop,
      });
    }
  }
  return items;
}
