import { Context } from '@temporalio/activity';

/**
 * Heartbeats while `work` runs, so Temporal notices a dead worker within the
 * heartbeat timeout instead of waiting out the whole start-to-close timeout.
 */
export async function withHeartbeat<T>(work: () => Promise<T>, everyMs = 2_000): Promise<T> {
  const ctx = Context.current();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
