export * from './types.js';
export { renderInvoiceDocument, renderInvoicePdf, invoiceDocumentFromView, buyerFromCustomer, type InvoiceParties, type CustomerAddress } from './invoice.js';
export { renderReminderLetter } from './reminder.js';
export { renderContract, contractBody } from './contract.js';
export { epcPayload, epcQrModules, normalizeIban, EpcError, type EpcTransfer } from './epc.js';
export { formatAmount, formatDate, formatPercent, formatQuantity } from './format.js';
export { documentLanguage, labelsFor, type Labels } from './labels/index.js';
