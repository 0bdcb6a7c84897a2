// The smaller status steps rules and the API take after issuing.
import { localDate } from '../domain/dates.js';
import type { PartKind } from '../domain/parts.js';
import type { DbTransaction } from '../platform/db.js';
import { InvoicingError, nowOf, type InvoicingContext } from './context.js';
import { transaction } from './numbering.js';
import { changeStatus, findInvoice } from './state.js';
import { toInvoiceView, type InvoiceRow, type InvoiceView } from './view.js';

type Ref = { tenantId: string; invoiceId: string };

/** Lets an invoice of a manual-dispatch customer go out (awaiting_release → issued). */
export async function releaseInvoice(ctx: InvoicingContext, ref: Ref): Promise<InvoiceView> {
  return step(ctx, ref, (tx, inv) => changeStatus(tx, ctx, inv, { type: 'release' }, { releasedAt: nowOf(ctx) }));
}

/** Records that the invoice was mailed (issued → sent). Sending twice is a no-op. */
export async function markSent(ctx: InvoicingContext, ref: Ref): Promise<InvoiceView> {
  return step(ctx, ref, (tx, inv) => (inv.status === 'sent' ? Promise.resolve(inv) : changeStatus(tx, ctx, inv, { type: 'send' })));
}

/** Records that the due date passed unpaid (issued/sent → due). */
export async function markDue(ctx: InvoicingContext, ref: Ref): Promise<InvoiceView> {
  return step(ctx, ref, (tx, inv) => (inv.status === 'due' ? Promise.resolve(inv) : changeStatus(tx, ctx, inv, { type: 'fall_due' })));
}

/** Records a reminder for one part (dunning counts per part) and the invoice ("Reminder n sent"). */
export async function recordReminder(ctx: InvoicingContext, ref: Ref & { part: PartKind }): Promise<InvoiceView> {
  return step(ctx, ref, async (tx, inv) => {
    const part = inv.parts.find((p) => p.kind === ref.part);
    if (!part) throw new InvoicingError('invalid_input', `part: invoice ${inv.number ?? inv.id} has no ${ref.part} part`);
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: inv.tenantId } });
    const today = localDate(nowOf(ctx), tenant.timeZone);
    await tx.invoicePart.update({ where: { id: part.id }, data: { reminderCount: { increment: 1 }, lastReminderDate: today } });
    return changeStatus(tx, ctx, inv, { type: 'remind' }, {}, { part: ref.part, level: part.reminderCount + 1 });
  });
}

async function step(ctx: InvoicingContext, ref: Ref, fn: (tx: DbTransaction, inv: InvoiceRow) => Promise<InvoiceRow>): Promise<InvoiceView> {
  const row = await transaction(ctx.db, async (tx) => fn(tx, await findInvoice(tx, ref.tenantId, ref.invoiceId)));
  return toInvoiceView(row);
}
