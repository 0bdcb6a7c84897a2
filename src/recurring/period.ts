// One period of a recurring invoice: the invoice issued once per period (source key
// `recurring:<id>:<YYYY-MM>`), its PDF and its mail, each keyed by the period, so a
// retried activity, a replayed run, a manual trigger or a catch-up after an outage
// finds what the first one made instead of making it again.
import path from 'node:path';
import { fileNameFor, sha256, writeFileAtomic } from '../../activities/files.js';
import { formatAmount, formatDate } from '../documents/format.js';
import { createDraft, issueInvoice, markSent, type LineDraft } from '../invoicing/index.js';
import { invoicePdf } from '../invoicing/pdf.js';
import { queueMessage, type OutboxDeps, type OutboxStatus } from '../mail/outbox.js';
import { defaultRecipients } from '../mail/recipients.js';
import { loadMailTemplates, renderMail } from '../mail/templates.js';
import type { Db } from '../platform/db.js';
import { RecurringError } from './errors.js';
import { periodOf, periodStatus } from './spec.js';

export const periodKey = (recurringId: string, period: string) => `recurring:${recurringId}:${period}`;

export type PeriodResult =
  | { status: 'issued'; period: string; invoiceId: string; number: string; invoiceStatus: string }
  | { status: 'skipped'; period: string; why: string };

/**
 * Issues the period's invoice, or finds it. Nothing new once stopped or outside the cycle;
 * an invoice already created for the period is always finished (issued), stopped or not.
 * @example await issuePeriod({ db, actor }, { tenantId, recurringId, scheduledAt: '2026-12-05T07:00:00Z', now })
 */
export async function issuePeriod(
  ctx: { db: Db; actor: string },
  input: { tenantId: string; recurringId: string; scheduledAt: string; now: number },
): Promise<PeriodResult> {
  const { db } = ctx;
  const row = await db.recurringInvoice.findFirst({ where: { id: input.recurringId, tenantId: input.tenantId } });
  if (!row) throw new RecurringError('not_found', `no recurring invoice ${input.recurringId}`);
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: row.tenantId } });
  const period = periodOf(new Date(input.scheduledAt), tenant.timeZone);
  const sourceKey = periodKey(row.id, period);
  const icx = { db, actor: ctx.actor, now: () => new Date(input.now) };
  let draft = await db.invoice.findUnique({ where: { tenantId_sourceKey: { tenantId: row.tenantId, sourceKey } } });
  if (!draft) {
    if (row.status !== 'active') return { status: 'skipped', period, why: `recurring invoice ${row.id} is stopped` };
    const due = periodStatus({ ...row, timeZone: tenant.timeZone }, period);
    if (!due.due) return { status: 'skipped', period, why: due.why };
    const { lines, currency } = await linesOf(db, row);
    try {
      await createDraft(icx, { tenantId: row.tenantId, customerId: row.customerId, kind: 'final', lines, currency, sourceKey, notes: `${period}`, ...(row.opportunityId ? { opportunityId: row.opportunityId } : {}) });
    } catch (err) {
      // A concurrent run of the same period created it first (unique source key): use theirs.
      if (!(await db.invoice.findUnique({ where: { tenantId_sourceKey: { tenantId: row.tenantId, sourceKey } } }))) throw err;
    }
    draft = await db.invoice.findUniqueOrThrow({ where: { tenantId_sourceKey: { tenantId: row.tenantId, sourceKey } } });
  }
  if (!draft.recurringId) await db.invoice.updateMany({ where: { id: draft.id, recurringId: null }, data: { recurringId: row.id } });
  const issued = await issueInvoice(icx, { tenantId: row.tenantId, invoiceId: draft.id });
  // Counted, not incremented: a retry recounts the same number.
  const issuedCount = await db.invoice.count({ where: { recurringId: row.id, number: { not: null } } });
  const last = await db.invoice.findFirst({ where: { recurringId: row.id, number: { not: null } }, orderBy: { sourceKey: 'desc' }, select: { sourceKey: true } });
  await db.recurringInvoice.update({ where: { id: row.id }, data: { issuedCount, lastPeriod: last?.sourceKey?.split(':').pop() ?? period } });
  return { status: 'issued', period, invoiceId: issued.id, number: issued.number!, invoiceStatus: issued.status };
}

/** From an invoice: its lines as issued. From an opportunity: its title and current amount, one line. */
async function linesOf(db: Db, row: { templateInvoiceId: string | null; opportunityId: string | null; tenantId: string }): Promise<{ lines: LineDraft[]; currency: string }> {
  if (row.templateInvoiceId) {
    const t = await db.invoice.findUniqueOrThrow({ where: { id: row.templateInvoiceId }, include: { lines: { orderBy: { position: 'asc' } } } });
    const lines = t.lines.map((l) => ({
      ...(l.productId ? { productId: l.productId } : {}),
      description: l.description,
      unit: l.unit,
      quantity: (l.quantityMilli / 1000).toFixed(3).replace(/\.?0+$/, ''),
      unitPriceMinor: Number(l.unitPriceMinor),
      discountBp: l.discountBp,
      taxRateBp: l.taxRateBp,
    }));
    return { lines, currency: t.currency };
  }
  const opp = await db.opportunity.findFirstOrThrow({ where: { id: row.opportunityId!, tenantId: row.tenantId } });
  return { lines: [{ description: opp.title, quantity: 1, unitPriceMinor: opp.amountMinor, taxRateBp: 0 }], currency: opp.currency };
}

/** The PDF as a Document row under `<period key>:pdf` (rendered once; byte-stable from the invoice). */
export async function renderPeriodPdf(deps: { db: Db; dataDir: string }, input: { tenantId: string; invoiceId: string; key: string }): Promise<{ documentKey: string; path: string; fileName: string }> {
  const documentKey = `${input.key}:pdf`;
  const existing = await deps.db.document.findUnique({ where: { key: documentKey } });
  if (existing) return { documentKey, path: existing.path, fileName: `${existing.kind}.pdf` };
  const { invoice, pdf } = await invoicePdf({ db: deps.db, actor: 'recurring' }, { tenantId: input.tenantId, invoiceId: input.invoiceId });
  const file = path.join(deps.dataDir, 'documents', fileNameFor(documentKey, 'pdf'));
  await writeFileAtomic(file, pdf);
  const kind = `invoice-${invoice.number}`.replace(/[^\w-]+/g, '-');
  await deps.db.document.upsert({ where: { key: documentKey }, create: { key: documentKey, kind, path: file, sha256: sha256(pdf), bytes: pdf.length }, update: {} });
  return { documentKey, path: file, fileName: `${kind}.pdf` };
}

/**
 * Mails the invoice to the customer's accounting contacts (else main contacts, else its
 * address) with the PDF, through the outbox under `<period key>:mail`, and marks it sent.
 * Invoices awaiting manual release are not mailed here.
 */
export async function mailPeriodInvoice(
  deps: OutboxDeps,
  input: { tenantId: string; invoiceId: string; key: string; pdf: { path: string; fileName: string } },
): Promise<{ status: OutboxStatus | 'awaiting-release'; to: string[]; key: string }> {
  const key = `${input.key}:mail`;
  const inv = await deps.db.invoice.findFirstOrThrow({ where: { id: input.invoiceId, tenantId: input.tenantId }, include: { customer: { include: { contacts: true } } } });
  if (inv.status === 'awaiting_release') return { status: 'awaiting-release', to: [], key };
  const to = defaultRecipients(inv.customer, 'invoice');
  if (to.length === 0) throw new RecurringError('invalid_state', `customer ${inv.customer.name} has no accounting or main contact and no email; add one to mail invoice ${inv.number}`);
  const lang = inv.customer.language;
  const mail = renderMail(loadMailTemplates().get('invoice-issued')!, lang, {
    customer: { name: inv.customer.name },
    invoice: { number: inv.number, amount: formatAmount(Number(inv.grossMinor), inv.currency, lang), dueDate: formatDate(inv.dueDate, lang) },
  });
  const queued = await queueMessage(deps, {
    key,
    to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    attachments: [{ filename: input.pdf.fileName, path: input.pdf.path, contentType: 'application/pdf' }],
  });
  if (queued.status === 'sent' && inv.status === 'issued') await markSent({ db: deps.db, actor: 'recurring' }, { tenantId: input.tenantId, invoiceId: input.invoiceId });
  return { status: queued.status, to, key };
}
