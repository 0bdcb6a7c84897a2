// Bank payments in the database: statement imports (matched and allocated in one
// transaction), the review list, and a person's corrections. Services take an
// InvoicingContext ({ db, actor, now? }) and return plain JSON views.
export { importStatement, type ImportInput, type ImportProgress } from './import.js';
export { allocateTransaction, ignoreTransaction, undoAllocation, type AllocateInput, type UndoResult } from './overrides.js';
export { getImport, getTransaction, listTransactions, OUTCOMES, type ImportView, type Outcome, type TransactionView } from './queries.js';
export { decodeText, detectFormat, FORMATS, readStatement, StatementError, type FormatName } from './statement.js';
export { loadOpenItems } from './open-items.js';
