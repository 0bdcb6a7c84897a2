// Records a letter that went out: a Reminder row per invoice part (fee, interest), the
// part's count and date, the invoice status via the state machine ("Reminder n sent" =
// reminded + reminderCount n) and a dunning/level-reached event per part — all in one
// transaction, each step skipped when already done, so a retry records nothing twice.
import type { CalendarDate } from '../domain/dates.js';
import type { PartKind } from '../domain/parts.js';
import { recordEvent } from '../events/outbox.js';
import { transaction } from '../invoicing/numbering.js';
import { changeStatus, findInvoice } from '../invoicing/state.js';
import type { DunningContext } from './context.js';

export interface LetterRecord {
  runId?: string;
  tenantId: string;
  customerId: string;
  /** The day the reminder counts from (the next level's date test). */
  sentOn: CalendarDate;
  documentKey: string;
  emailKey: string;
  rows: { invoiceId: string; part: PartKind; level: number; feeMinor: number; interestMinor: number; currency: string }[];
}

/** Returns how many parts were newly recorded. */
export async function recordLetter(ctx: DunningContext, letter: LetterRecord): Promise<number> {
  const occurredAt = (ctx.now?.() ?? new Date()).toISOString();
  return transaction(ctx.db, async (tx) => {
    let recorded = 0;
    const levelByInvoice = new Map<string, number>();
    for (const r of letter.rows) {
      const known = await tx.reminder.findUnique({ where: { invoiceId_part_level: { invoiceId: r.invoiceId, part: r.part, level: r.level } } });
      if (known) continue;
      await tx.reminder.create({
        data: {
          tenantId: letter.tenantId, invoiceId: r.invoiceId, part: r.part, level: r.level, runId: letter.runId ?? null, sentOn: letter.sentOn,
          feeMinor: BigInt(r.feeMinor), interestMinor: BigInt(r.interestMinor), currency: r.currency, documentKey: letter.documentKey, emailKey: letter.emailKey,
        },
      });
      await tx.invoicePart.update({ where: { invoiceId_kind: { invoiceId: r.invoiceId, kind: r.part } }, data: { reminderCount: { increment: 1 }, lastReminderDate: letter.sentOn } });
      levelByInvoice.set(r.invoiceId, Math.max(levelByInvoice.get(r.invoiceId) ?? 0, r.level));
      recorded++;
    }
    for (const [invoiceId, level] of levelByInvoice) {
      let inv = await findInvoice(tx, letter.tenantId, invoiceId);
      const audit = { level, letter: letter.emailKey };
      if (inv.status === 'issued' || inv.status === 'sent') inv = await changeStatus(tx, ctx, inv, { type: 'fall_due' });
      // The invoice's count is the highest level reminded: two parts at level 1 are "Reminder 1 sent".
      while (inv.reminderCount < level) inv = await changeStatus(tx, ctx, inv, { type: 'remind' }, {}, audit);
      for (const r of letter.rows.filter((x) => x.invoiceId === invoiceId)) {
        await recordEvent(tx, {
          type: 'dunning/level-reached',
          id: `invoice:${invoiceId}:${r.part}:dunning:${r.level}`,
          tenantId: letter.tenantId,
          customerId: letter.customerId,
          occurredAt,
          invoiceId,
          ...(inv.opportunityId !== null && { opportunityId: inv.opportunityId }),
          level: r.level,
        });
      }
    }
    return recorded;
  });
}
