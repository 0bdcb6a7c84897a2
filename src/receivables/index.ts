// The pure receivables core: statements → transactions → match decisions; dunning,
// fees, interest and aging. No database, no clock, no Temporal: callers pass plain data
// (open items, settings, "today" in the tenant's time zone) and store the decisions.
export type { BankTransaction, LineError, ParseResult, StatementFormat } from './statements/transaction.js';
export { parseCsvStatement } from './statements/csv.js';
export { csvTemplateSchema, type CsvTemplate } from './statements/csv-template.js';
export { loadCsvTemplate, renderTemplateError, type TemplateError } from './statements/csv-template-load.js';
export { parseCamt } from './statements/camt.js';
export { parseMt940 } from './statements/mt940.js';
export { creditorReference, isValidCreditorReference, isValidIban, normaliseIban } from './statements/iban.js';
export type { OpenItem } from './open-item.js';
export { matchPayments, matchWithIndex, type MatchOptions } from './matching/match.js';
export { buildMatchIndex, type MatchIndex } from './matching/index.js';
export { summarise, type Allocation, type ImportSummary, type MatchDecision } from './matching/types.js';
export { DUNNING_LEVELS, dunningDaysSchema, dunningLevel, type DunningDays, type DunningLevel } from './dunning/levels.js';
export { daysFor, GERMAN_DEFAULT_DAYS, type CustomerDunning, type DunningSettings } from './dunning/settings.js';
export { dunningPreview, overdueStatement, type DunningFilter, type DunningPreview, type DunningRow } from './dunning/preview.js';
export { DE_BASE_RATES, statutoryMarginBp, type BaseRateTable, type CustomerKind } from './interest/rates.js';
export { accrueInterest } from './interest/accrue.js';
export { PAYMENT_ORDERS, settleClaim, type Claim, type ClaimState, type PaymentOrder } from './interest/claim.js';
export { GERMAN_FLAT_FEE_MINOR, reminderCosts, type FeeSettings } from './interest/fees.js';
export { agingReport, bucketOf, type AgingReport } from './aging/report.js';
export { renderAgingCsv, renderAgingJson } from './aging/render.js';
