import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityDeps } from './deps.js';

export interface CallWebhookInput {
  /** Sent as Idempotency-Key: the receiver sees one key per rule, event and step, however often we retry. */
  key: string;
  url: string;
  method: 'POST' | 'PUT';
  body: unknown;
}

/** Calls an outgoing webhook. 4xx (but 408/429) is the receiver's final word; the rest is retried. */
export function callWebhook(_deps: ActivityDeps) {
  return async ({ key, url, method, body }: CallWebhookInput): Promise<{ status: number }> => {
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', 'idempotency-key': key, 'user-agent': 'recflow' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    await res.body?.cancel();
    if (res.ok) return { status: res.status };
    const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
    const message = `webhook ${method} ${url} answered ${res.status}`;
    if (permanent) throw ApplicationFailure.nonRetryable(message, 'WebhookRejected');
    throw new Error(message);
  };
}
