// Drafts awaiting approval (Tenant.reminderDelivery = "draft"): approving sends the
// letter and only then records the reminders, so "Reminder n sent" is never claimed for
// a mail that was discarded. The rows are recomputed for the letter's date and level:
// a part paid meanwhile is not recorded (discard such a letter instead of approving it).
import { localDate } from '../domain/dates.js';
import { approveMessage, discardMessage, OutboxError, type OutboxStatus } from '../mail/outbox.js';
import { DunningError } from './context.js';
import { loadItems } from './items.js';
import { parseLetterKey } from './letter.js';
import { computeRows } from './preview.js';
import { recordOf, type ProcessDeps } from './process.js';
import { recordLetter } from './record.js';
import { loadTenantDunning } from './settings.js';

export interface ReleaseResult {
  key: string;
  status: OutboxStatus;
  recorded: number;
}

export async function releaseLetters(deps: ProcessDeps, input: { tenantId: string; runId?: string; keys: string[]; action: 'approve' | 'discard' }): Promise<ReleaseResult[]> {
  const { ctx } = deps;
  const out: ReleaseResult[] = [];
  for (const key of input.keys) {
    const letter = parseLetterKey(key);
    const t = letter && (await loadTenantDunning(ctx.db, input.tenantId, letter.customerId));
    if (!letter || !t || !t.customers.has(letter.customerId)) throw new DunningError('not_found', `no dunning letter ${key} for this tenant`);
    try {
      if (input.action === 'discard') {
        out.push({ key, status: (await discardMessage(deps, key)).status, recorded: 0 });
        continue;
      }
      const sent = await approveMessage(deps, key);
      let recorded = 0;
      if (sent.status === 'sent') {
        const items = await loadItems(ctx.db, { tenantId: input.tenantId, customerId: letter.customerId });
        const { rows } = await computeRows(ctx, t, items, { tenantId: input.tenantId, customerId: letter.customerId, level: letter.level, date: letter.date });
        const today = localDate(ctx.now?.() ?? new Date(), t.timeZone);
        if (rows.length > 0) recorded = await recordLetter(ctx, recordOf({ ...input, customerId: letter.customerId }, key, today < letter.date ? letter.date : today, rows));
      }
      out.push({ key, status: sent.status, recorded });
    } catch (err) {
      if (err instanceof OutboxError) throw new DunningError(err.code === 'not_found' ? 'not_found' : 'invalid_state', err.message);
      throw err;
    }
  }
  return out;
}
