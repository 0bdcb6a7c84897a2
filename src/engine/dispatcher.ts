// The other half of the transactional outbox: takes undispatched DomainEvent rows, oldest
// first, fires rules from them and marks them dispatched. Several processes may run one
// each: a row is claimed by a guarded update (attempts and nextAttemptAt as read), so only
// one of them fires it at a time; a claim that is never finished (the process died) runs
// out after the lease and another process retries. Firing is idempotent by event id.
// Events about one opportunity (or one other subject) fire in order; different subjects
// fire side by side, since each firing mostly waits on Temporal.
import { subjectKey, type RecflowEvent } from '../events/catalog.js';
import type { Db } from '../platform/db.js';

export interface DispatcherOptions {
  db: Db;
  /** Delivers the event to waiting runs and starts the rules it fires (fireEvent). */
  fire(event: RecflowEvent, opts: { firstTime: boolean }): Promise<unknown>;
  log?: (message: string) => void;
  /** How often to look when nobody nudges; default 300 ms. */
  pollMs?: number;
  /** How long a claim holds before another process may take the row; default 60 s. */
  leaseMs?: number;
  /** Rows read per query; default 50. */
  batch?: number;
  /** Subjects fired at the same time; default 16. */
  concurrency?: number;
  now?: () => Date;
}

/** Retry delay after the n-th failed attempt: 1 s, 2 s, 4 s … at most 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

export class Dispatcher {
  private stopped = true;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private draining: Promise<number> | undefined;
  private readonly now: () => Date;

  constructor(private readonly opts: DispatcherOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Polls until stop(); a nudge makes it look at once. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = (async () => {
      while (!this.stopped) {
        try {
          await this.drain();
        } catch (err) {
          this.opts.log?.(`event dispatcher: ${(err as Error).message}`);
        }
        if (this.stopped) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.opts.pollMs ?? 300);
          this.wake = () => (clearTimeout(timer), resolve());
        });
        this.wake = undefined;
      }
    })();
  }

  /** Something was just recorded: look now instead of at the next poll. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.draining;
  }

  /**
   * Dispatches every row that is ready now, oldest first, and returns how many were fired.
   * One drain at a time per process; a call during a drain waits for it and drains again.
   */
  async drain(): Promise<number> {
    while (this.draining) await this.draining.catch(() => 0);
    this.draining = this.drainOnce();
    try {
      return await this.draining;
    } finally {
      this.draining = undefined;
    }
  }

  private async drainOnce(): Promise<number> {
    const { db } = this.opts;
    let fired = 0;
    const failed = new Set<string>();
    for (;;) {
      const now = this.now();
      const rows = await db.domainEvent.findMany({
        where: { dispatchedAt: null, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }], id: { notIn: [...failed] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: this.opts.batch ?? 50,
        select: { id: true, eventId: true, attempts: true, nextAttemptAt: true, payload: true },
      });
      if (rows.length === 0) return fired;
      const fireRow = async (row: (typeof rows)[number]) => {
        if (!(await this.claim(row, now))) return;
        try {
          // Never claimed before: no earlier attempt can have started a run for it.
          await this.opts.fire(row.payload as unknown as RecflowEvent, { firstTime: row.attempts === 0 });
          await db.domainEvent.update({ where: { id: row.id }, data: { dispatchedAt: this.now(), nextAttemptAt: null, error: null } });
          fired++;
        } catch (err) {
          const attempts = row.attempts + 1;
          const message = describeError(err);
          failed.add(row.id);
          await db.domainEvent.update({
            where: { id: row.id },
            data: { error: message.slice(0, 2000), nextAttemptAt: new Date(this.now().getTime() + backoffMs(attempts)) },
          });
          this.opts.log?.(`event ${row.eventId}: firing failed (attempt ${attempts}, retried in ${backoffMs(attempts) / 1000} s): ${message}`);
        }
      };
      const groups = [...groupBy(rows, (row) => orderKey(row.payload as unknown as RecflowEvent)).values()];
      await eachLimited(groups, this.opts.concurrency ?? 16, async (group) => {
        for (const row of group) await fireRow(row);
      });
    }
  }

  /** Takes the row for this process: only one guarded update can match what was read. */
  private async claim(row: { id: string; attempts: number; nextAttemptAt: Date | null }, now: Date): Promise<boolean> {
    const { count } = await this.opts.db.domainEvent.updateMany({
      where: { id: row.id, dispatchedAt: null, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt },
      data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + (this.opts.leaseMs ?? 60_000)) },
    });
    return count === 1;
  }
}

/** Events with the same key fire one after the other: an opportunity's events and its invoices' events share one. */
function orderKey(event: RecflowEvent): string {
  if ('opportunityId' in event && event.opportunityId) return `opportunity:${event.opportunityId}`;
  return subjectKey(event);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Runs `work` on every item, at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** The message with its causes (Temporal's client errors wrap the gRPC status). */
function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as { message?: string; cause?: unknown } | undefined; e && parts.length < 4; e = e.cause as typeof e) {
    if (e.message && !parts.includes(e.message)) parts.push(e.message);
  }
  return parts.join(': ') || String(err);
}
