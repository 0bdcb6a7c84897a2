// The activity proxies the interpreter uses. Workflows import activity types only.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';

export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // Activities heartbeat; a dead worker's activity is retried elsewhere within seconds.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
