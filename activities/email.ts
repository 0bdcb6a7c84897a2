import { ApplicationFailure } from '@temporalio/activity';
import { fillTemplate } from '../src/domain/template.js';
import { MailSendError, messageIdFor } from '../src/platform/mail.js';
import type { ActivityDeps, OpportunityFacts } from './deps.js';

export interface SendEmailInput {
  /** Business key (rule + event + step), never a run id: it survives continue-as-new. */
  key: string;
  to: string[];
  subject: string;
  body: string;
  facts: OpportunityFacts;
  attachmentKeys: string[];
}

export interface SentEmail {
  key: string;
  messageId: string;
}

/**
 * Sends through the outbox: the row is written before the send and marked sent after,
 * so a retry after success sends nothing. The Message-ID comes from the key, so even
 * a resend after a crash between SMTP acceptance and the mark is recognisable.
 */
export function sendEmail(deps: ActivityDeps) {
  return async (input: SendEmailInput): Promise<SentEmail> => {
    const messageId = messageIdFor(input.key, deps.mailDomain);
    const existing = await deps.db.emailMessage.findUnique({ where: { key: input.key } });
    if (existing?.status === 'sent') return { key: input.key, messageId: existing.messageId };

    let subject: string;
    let text: string;
    try {
      subject = fillTemplate(input.subject, { ...input.facts });
      text = fillTemplate(input.body, { ...input.facts });
    } catch (err) {
      throw ApplicationFailure.nonRetryable(`email ${input.key}: ${(err as Error).message}`, 'TemplateError');
    }
    const documents = await deps.db.document.findMany({ where: { key: { in: input.attachmentKeys } } });
    const missing = input.attachmentKeys.filter((k) => !documents.some((d) => d.key === k));
    if (missing.length > 0) throw ApplicationFailure.nonRetryable(`attachments not found: ${missing.join(', ')}`, 'NotFound');
    const attachments = documents.map((d) => ({ filename: `${d.kind}.pdf`, path: d.path, contentType: 'application/pdf' }));

    await deps.db.emailMessage.upsert({
      where: { key: input.key },
      create: {
        key: input.key,
        messageId,
        to: input.to.join(', '),
        subject,
        status: 'sending',
        attachments: attachments.map((a) => a.filename),
      },
      update: { status: 'sending', error: null },
    });
    try {
      await deps.mailer.send({ messageId, from: deps.mailFrom, to: input.to, subject, text, attachments });
    } catch (err) {
      await deps.db.emailMessage.update({ where: { key: input.key }, data: { status: 'failed', error: String(err) } });
      // A refused recipient stays refused; a network or server hiccup is retried.
      if (err instanceof MailSendError && err.permanent) {
        throw ApplicationFailure.nonRetryable(`email ${input.key}: ${err.message}`, 'MailRejected');
      }
      throw err;
    }
    await deps.db.emailMessage.update({ where: { key: input.key }, data: { status: 'sent', sentAt: new Date() } });
    return { key: input.key, messageId };
  };
}
