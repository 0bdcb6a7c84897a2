// Process, one customer at a time: for each level due, one letter (PDF with the
// statement of all overdue items, fees, interest) mailed to the accounting contacts,
// now or as a draft. Idempotent by the letter key (customer, level, run date): the
// mail is queued BEFORE the reminders are recorded, so a retry after a crash finds the
// same key in the outbox and never sends twice; recording skips what is recorded.
import path from 'node:path';
import { fileNameFor, intact, sha256, writeFileAtomic } from '../../activities/files.js';
import type { CalendarDate } from '../domain/dates.js';
import { renderReminderLetter } from '../documents/reminder.js';
import { queueMessage, type OutboxDeps, type OutboxStatus } from '../mail/outbox.js';
import { defaultRecipients } from '../mail/recipients.js';
import { loadMailTemplates, renderMail } from '../mail/templates.js';
import type { DunningLevel } from '../receivables/dunning/levels.js';
import { DunningError, type DunningContext } from './context.js';
import { loadItems } from './items.js';
import { letterDocument, letterKey, letterMailValues } from './letter.js';
import { computeRows, type PreviewRow } from './preview.js';
import { recordLetter } from './record.js';
import { loadTenantDunning } from './settings.js';

export interface CustomerRun {
  runId?: string;
  tenantId: string;
  customerId: string;
  branchId?: string;
  level?: DunningLevel;
  date: CalendarDate;
  delivery: 'send' | 'draft';
}

export interface LetterResult {
  customerId: string;
  level: DunningLevel;
  key: string;
  /** The outbox status: sent, draft, or why nothing went out. */
  status: OutboxStatus | 'no-recipient';
  to: string[];
  rows: number;
  /** Parts newly recorded as reminded (0 for drafts until released). */
  recorded: number;
  open: { currency: string; minor: number }[];
}

export type ProcessDeps = OutboxDeps & { ctx: DunningContext };

export async function processCustomer(deps: ProcessDeps, run: CustomerRun): Promise<LetterResult[]> {
  const { ctx } = deps;
  const [t, tenant, customer] = await Promise.all([
    loadTenantDunning(ctx.db, run.tenantId, run.customerId),
    ctx.db.tenant.findUniqueOrThrow({ where: { id: run.tenantId } }),
    ctx.db.customer.findFirst({ where: { id: run.customerId, tenantId: run.tenantId }, include: { contacts: true } }),
  ]);
  if (!customer) throw new DunningError('not_found', `no customer ${run.customerId}`);
  // All the customer's open items: the statement lists every overdue one, whatever the level.
  const items = await loadItems(ctx.db, { tenantId: run.tenantId, customerId: run.customerId });
  const { rows } = await computeRows(ctx, t, items, { tenantId: run.tenantId, customerId: run.customerId, branchId: run.branchId, level: run.level, date: run.date });
  const results: LetterResult[] = [];
  for (const level of [1, 2, 3] as const) {
    const mine = rows.filter((r) => r.level === level);
    if (mine.length === 0) continue;
    const key = letterKey(customer.id, level, run.date);
    const to = defaultRecipients(customer, 'reminder');
    const base = { customerId: customer.id, level, key, to, rows: mine.length, open: openOf(mine) };
    if (to.length === 0) {
      results.push({ ...base, status: 'no-recipient', recorded: 0 });
      continue;
    }
    const file = await letterFile(deps, key, () => renderReminderLetter(letterDocument(tenant, customer, level, run.date, mine, items)));
    const mail = renderMail(loadMailTemplates().get(`dunning-${level}`)!, customer.language, letterMailValues(customer, mine));
    const queued = await queueMessage(deps, {
      key,
      to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html && { html: mail.html }),
      attachments: [{ filename: `dunning-${level}-${run.date}.pdf`, path: file, contentType: 'application/pdf' }],
      draft: run.delivery === 'draft',
    });
    const recorded = queued.status === 'sent' ? await recordLetter(ctx, recordOf(run, key, run.date, mine)) : 0;
    results.push({ ...base, status: queued.status, recorded });
  }
  return results;
}

export function recordOf(run: { runId?: string; tenantId: string; customerId: string }, key: string, sentOn: CalendarDate, rows: PreviewRow[]) {
  return {
    ...(run.runId !== undefined && { runId: run.runId }),
    tenantId: run.tenantId,
    customerId: run.customerId,
    sentOn,
    documentKey: key,
    emailKey: key,
    rows: rows.map((r) => ({ invoiceId: r.invoiceId, part: r.part, level: r.level, feeMinor: r.feeMinor, interestMinor: r.interestMinor, currency: r.currency })),
  };
}

function openOf(rows: PreviewRow[]): { currency: string; minor: number }[] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.currency, (m.get(r.currency) ?? 0) + r.amountOpenMinor);
  return [...m].map(([currency, minor]) => ({ currency, minor }));
}

/** The letter's PDF, rendered once per key (a Document row) and re-rendered only if the file is gone. */
async function letterFile(deps: ProcessDeps, key: string, render: () => Promise<Uint8Array>): Promise<string> {
  const existing = await deps.ctx.db.document.findUnique({ where: { key } });
  if (existing && (await intact(existing.path, existing.sha256))) return existing.path;
  const bytes = await render();
  const file = path.join(deps.dataDir, 'documents', fileNameFor(key, 'pdf'));
  await writeFileAtomic(file, bytes);
  const digest = sha256(bytes);
  await deps.ctx.db.document.upsert({ where: { key }, create: { key, kind: 'dunning', path: file, sha256: digest, bytes: bytes.length }, update: { path: file, sha256: digest, bytes: bytes.length } });
  return file;
}
