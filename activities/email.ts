import { ApplicationFailure } from '@temporalio/activity';
import { fillHtml, fillTemplate } from '../src/domain/template.js';
import { deliver, OutboxError, queueMessage, type OutboxDeps, type OutboxResult } from '../src/mail/outbox.js';
import { MailSendError } from '../src/platform/mail.js';
import type { ActivityDeps, OpportunityFacts } from './deps.js';

export interface SendEmailInput {
  /** Business key (rule + event + step), never a run id: it survives continue-as-new. */
  key: string;
  to: string[];
  subject: string;
  body: string;
  /** Optional HTML body; its inserted values are escaped. */
  html?: string;
  facts: OpportunityFacts;
  attachmentKeys: string[];
  /** The step says: hold it for approval. */
  draft?: boolean;
  /** The tenant whose ruleMailDelivery applies ("draft" holds every rule mail); left out for owner notices. */
  tenantId?: string;
}

export interface SentEmail {
  key: string;
  messageId: string;
  /** sent; draft: waiting in the outbox for approveMessage / discardMessage; discarded. */
  status: 'sent' | 'draft' | 'discarded';
}

/**
 * A rule's mail goes through the outbox (src/mail/outbox.ts), like reminders and
 * recurring invoices: the row and its content are written before anything is sent, a
 * draft waits there for approval, and a sent row is never sent again. A retry after a
 * worker died mid-send finds the row "sending"; once the lease below has passed, that
 * attempt is surely dead and the mail goes out again with the same Message-ID.
 */
export function sendEmail(deps: ActivityDeps) {
  // Activities heartbeat every few seconds and time out after 10 s without one
  // (workflows/activities.ts): an attempt silent for longer than this is gone.
  const outbox: OutboxDeps = { ...deps, sendingLeaseMs: 15_000 };
  return async (input: SendEmailInput): Promise<SentEmail> => {
    let subject: string;
    let text: string;
    let html: string | undefined;
    try {
      subject = fillTemplate(input.subject, { ...input.facts });
      text = fillTemplate(input.body, { ...input.facts });
      html = input.html === undefined ? undefined : fillHtml(input.html, { ...input.facts });
    } catch (err) {
      throw ApplicationFailure.nonRetryable(`email ${input.key}: ${(err as Error).message}`, 'TemplateError');
    }
    const documents = input.attachmentKeys.length ? await deps.db.document.findMany({ where: { key: { in: input.attachmentKeys } } }) : [];
    const missing = input.attachmentKeys.filter((k) => !documents.some((d) => d.key === k));
    if (missing.length > 0) throw ApplicationFailure.nonRetryable(`attachments not found: ${missing.join(', ')}`, 'NotFound');
    const attachments = documents.map((d) => ({ filename: `${d.kind}.pdf`, path: d.path, contentType: 'application/pdf' }));
    const draft = input.draft === true || (input.tenantId !== undefined && (await tenantWantsDrafts(deps, input.tenantId)));

    const result = await mailing(input.key, async () => {
      const queued = await queueMessage(outbox, { key: input.key, to: input.to, subject, text, ...(html ? { html } : {}), attachments, draft, ...(input.tenantId ? { tenantId: input.tenantId } : {}) });
      // An earlier attempt failed (a network error) or died sending: deliver decides,
      // taking over a "sending" row only once its lease has passed.
      return queued.status === 'failed' || queued.status === 'sending' ? deliver(outbox, input.key) : queued;
    });
    switch (result.status) {
      case 'sent':
      case 'draft':
      case 'discarded':
        return { key: result.key, messageId: result.messageId, status: result.status };
      case 'sending':
        // Another attempt holds the send (or died holding it): Temporal retries with backoff.
        throw ApplicationFailure.retryable(`email ${input.key} is being sent by another attempt; trying again after its lease`, 'MailInFlight');
      default:
        throw ApplicationFailure.retryable(`email ${input.key} is ${result.status}; trying again`, 'MailNotSent');
    }
  };
}

async function tenantWantsDrafts(deps: ActivityDeps, tenantId: string): Promise<boolean> {
  const tenant = await deps.db.tenant.findUnique({ where: { id: tenantId }, select: { ruleMailDelivery: true } });
  return tenant?.ruleMailDelivery === 'draft';
}

/** A refused recipient stays refused; a network or server hiccup is retried. */
async function mailing(key: string, send: () => Promise<OutboxResult>): Promise<OutboxResult> {
  try {
    return await send();
  } catch (err) {
    if (err instanceof MailSendError && err.permanent) throw ApplicationFailure.nonRetryable(`email ${key}: ${err.message}`, 'MailRejected');
    if (err instanceof OutboxError) throw ApplicationFailure.nonRetryable(`email ${key}: ${err.message}`, 'Outbox');
    throw err;
  }
}
