// The invoicing services. Rules actions and the API call these; each takes an
// InvoicingContext ({ db, actor, now? }) and returns plain InvoiceView JSON.
export { InvoicingError, type InvoicingContext, type InvoicingErrorCode } from './context.js';
export { createDraft, type DraftInput } from './create.js';
export { updateDraft, type DraftChanges } from './drafts.js';
export { issueInvoice } from './issue.js';
export { cancelInvoice } from './cancel.js';
export { recordPayment, type PaymentInput } from './payments.js';
export { releaseInvoice, markSent, markDue, recordReminder } from './lifecycle.js';
export { proformaFromOpportunity, finalFromProforma, creditNote } from './derived.js';
export { getInvoice, listInvoices, OPEN_STATUSES, type InvoiceFilter } from './queries.js';
export { financialPicture, type FinancialPicture, type CurrencyPicture } from './picture.js';
export type { InvoiceView, InvoiceLineView, InvoicePartView } from './view.js';
export type { LineDraft } from './lines.js';
