import { localDate, yearOf } from '../domain/dates.js';
import { formatInvoiceNumber } from '../domain/numbering.js';
import { InvoicingError, nowOf, type InvoicingContext } from './context.js';
import { nextSequence, transaction } from './numbering.js';
import { recordEvent } from '../events/outbox.js';
import { applyStatus, eventBase, findInvoice } from './state.js';
import { toInvoiceView, type InvoiceView } from './view.js';

/**
 * Issues a draft: dates it today in the tenant's time zone, gives it the next gapless
 * number of its series and year, and freezes it. Customers on manual dispatch get
 * "awaiting_release" instead of "issued". Issuing an issued invoice returns it unchanged,
 * so a retried activity is harmless.
 * @example const inv = await issueInvoice(ctx, { tenantId, invoiceId }); inv.number // 'INV-2026-0001'
 */
export async function issueInvoice(ctx: InvoicingContext, ref: { tenantId: string; invoiceId: string }): Promise<InvoiceView> {
  const draft = await findInvoice(ctx.db, ref.tenantId, ref.invoiceId);
  if (draft.number) return toInvoiceView(draft);
  if (draft.status !== 'draft') throw new InvoicingError('invalid_state', `invoice ${draft.id} is ${draft.status} and has no number; only drafts are issued`);
  const [tenant, customer] = await Promise.all([
    ctx.db.tenant.findUniqueOrThrow({ where: { id: ref.tenantId } }),
    ctx.db.customer.findUniqueOrThrow({ where: { id: draft.customerId } }),
  ]);
  const now = nowOf(ctx);
  const issueDate = localDate(now, tenant.timeZone);
  const year = yearOf(issueDate);
  const dispatch = customer.dispatchMode === 'manual' ? 'manual' : 'auto';
  const issue = () => transaction(ctx.db, async (tx) => {
    // The status change first (a write, so SQLite takes its lock at once), the counter
    // last: the series row stays locked only for the counter, one update and the commit.
    await applyStatus(tx, ctx, draft, { type: 'issue', dispatch }, { issueDate, year, dispatch, issuedAt: now }, { series: draft.series, year, dispatch });
    const seq = await nextSequence(tx, { tenantId: ref.tenantId, series: draft.series, year });
    const number = formatInvoiceNumber({ series: draft.series, year, seq });
    await tx.invoice.update({ where: { id: draft.id }, data: { seq, number } });
    await recordEvent(tx, { ...eventBase(draft, ctx), type: 'invoice/issued', id: `invoice:${draft.id}:issued`, kind: draft.kind, number });
  });
  try {
    await issue();
    return toInvoiceView(await findInvoice(ctx.db, ref.tenantId, ref.invoiceId));
  } catch (e) {
    // Another worker issued it first (its number stands; ours was rolled back).
    if (e instanceof InvoicingError && e.code === 'conflict') {
      const again = await findInvoice(ctx.db, ref.tenantId, ref.invoiceId);
      if (again.number) return toInvoiceView(again);
    }
    throw e;
  }
}
