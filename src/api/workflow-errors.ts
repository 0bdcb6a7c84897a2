import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { HttpError } from './errors.js';

/**
 * Runs a workflow the API waits for; a business refusal inside it (a non-retryable
 * failure: approving a discarded mail, an unknown letter) becomes a 422 with its reason.
 */
export async function businessOutcome<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const cause = err instanceof WorkflowFailedError ? (err.cause?.cause ?? err.cause) : undefined;
    if (cause instanceof ApplicationFailure && cause.nonRetryable) throw new HttpError(422, 'invalid_state', cause.message);
    throw err;
  }
}
