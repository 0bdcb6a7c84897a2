// The activity proxies the interpreter uses. Workflows import activity types only.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';

export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // Activities heartbeat; a dead worker's activity is retried elsewhere within seconds.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * Short, DB-only, idempotent steps (loadFacts, updateOpportunity) run in the workflow's own worker: no task
 * queue round trip, no scheduled/started/completed events. Kept well under the workflow
 * task timeout; a failure is retried in place (and after a worker crash, by the new worker
 * replaying the run).
 */
export const localActivities = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
