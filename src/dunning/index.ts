// Dunning and the aging report on the database: preview, process per customer, drafts,
// stops, runs. The rules themselves live in the pure core (src/receivables).
export { DunningError, type DunningContext } from './context.js';
export { previewDunning, type DunningScope, type PreviewResult, type PreviewRow, type HeldRow } from './preview.js';
export { processCustomer, type CustomerRun, type LetterResult, type ProcessDeps } from './process.js';
export { releaseLetters, type ReleaseResult } from './release.js';
export { createProcessRun, finishRun, getRun, recordPreview, summarise, summaryOfPreview, workflowIdOf, type RunSummary, type RunView } from './runs.js';
export { setDunningStop, type StopTarget } from './stops.js';
export { agingOf } from './aging.js';
export { staleImportWarning } from './stale.js';
export { letterKey } from './letter.js';
