// Releases a held mail: the API starts this so the send happens in the worker (which has
// the mailer and retries), and an operator sees the release in the Web UI.
import { proxyActivities } from '@temporalio/workflow';
import type { ReleaseMessageInput } from '../activities/outbox.js';
import type { Activities } from '../activities/index.js';

const { releaseMessage } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export async function releaseHeldMail(input: ReleaseMessageInput) {
  return releaseMessage(input);
}
