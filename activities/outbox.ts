import { ApplicationFailure } from '@temporalio/activity';
import { approveMessage, discardMessage, OutboxError, type OutboxResult } from '../src/mail/outbox.js';
import type { ActivityDeps } from './deps.js';

export interface ReleaseMessageInput {
  tenantId: string;
  key: string;
  action: 'approve' | 'discard';
}

/**
 * Approves (sends now) or discards one of the tenant's held mails. Runs in the worker,
 * which holds the mailer. Dunning letters are released through their run instead, which
 * also records the reminders.
 */
export function releaseMessage(deps: ActivityDeps) {
  return async (input: ReleaseMessageInput): Promise<OutboxResult> => {
    const row = await deps.db.emailMessage.findUnique({ where: { key: input.key } });
    if (!row || row.tenantId !== input.tenantId) throw ApplicationFailure.nonRetryable(`no mail ${input.key} for this tenant`, 'NotFound');
    if (input.key.startsWith('dunning:')) throw ApplicationFailure.nonRetryable(`${input.key} is a dunning letter; approve or discard it with POST /v1/dunning-runs/<run>/letters, which records the reminders`, 'DunningLetter');
    const outbox = { ...deps, sendingLeaseMs: 15_000 };
    try {
      return input.action === 'approve' ? await approveMessage(outbox, input.key) : await discardMessage(outbox, input.key);
    } catch (err) {
      if (err instanceof OutboxError) throw ApplicationFailure.nonRetryable(err.message, err.code);
      throw err;
    }
  };
}
