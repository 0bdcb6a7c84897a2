// The activity proxies the interpreter uses. Workflows import activity types only.
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';

export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // Activities heartbeat; a dead worker's activity is retried elsewhere within seconds.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * Short, idempotent steps run in the workflow's own worker: no task-queue round trip and
 * no scheduled/started/completed events, so a run of such steps is one workflow task.
 * Facts and record updates are DB-only; documents, invoices and mail
 * take well under a second. A failure is retried in place; after a
 * worker crash the workflow task times out and a new worker replays the run and repeats
 * the step, which its key makes harmless.
 */
export const localActivities = proxyLocalActivities<Activities>({
  // An SMTP server may be slow to answer; the worker keeps the workflow task alive meanwhile.
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * Short steps (facts, invoices, documents, mail, record updates) are local activities since
 * this patch; runs started by a release before it replay their recorded remote activities.
 * One patch id for the whole change: each id costs every run a marker and a search-attribute
 * update.
 */
export function localSteps(): boolean {
  return patched('local-activities');
}

/**
 * Update steps whose later steps read facts get them back with their result, read after
 * the update: one local activity where there were two (update-opportunity) or three
 * (update-customer: reload, update, reload; the first reload stays for a step's if:).
 */
export function factsWithUpdates(): boolean {
  return localSteps() && patched('facts-with-updates');
}

/**
 * Consecutive short steps, and the run's first facts, go to one local activity
 * (runStepBatch) since this patch: one workflow activation for them instead of one each.
 * Decided once, at the start of a run; runs started before it go step by step.
 */
export function stepBatches(): boolean {
  return patched('step-batches');
}
