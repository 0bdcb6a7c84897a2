export { checkTemplate, loadMailTemplates, renderMail, MailTemplateError, MAIL_LANGUAGES, DEFAULT_TEMPLATES_DIR, type MailTemplate, type MailVariant, type RenderedMail } from './templates.js';
export { approveMessage, deliver, discardMessage, queueMessage, OutboxError, type OutboxDeps, type OutboxMessage, type OutboxResult, type OutboxStatus } from './outbox.js';
export { defaultRecipients, type MailPurpose, type RecipientSource } from './recipients.js';
