// Which rule runs hear which events. A run whose rule has a wait-for-event step is written
// down before it starts (subject, event types); an event is signalled to the runs written
// down for its subjects. One indexed read per event, where Temporal's visibility list cost
// the server and recflow ~14 ms of CPU per event, and it finds runs of any rule version.
import type { Client } from '@temporalio/client';
import type { Db } from '../platform/db.js';
import { searchAttributeKeys } from '../platform/search-attributes.js';
import type { CompiledRule } from '../rules/snapshot.js';

/** Every event: a run found running at start-up whose rule version is not loaded. */
export const ANY_EVENT = '*';


export interface RunListeners {
  /** Before the run starts; again for a new run under the same id. */
  add(workflowId: string, subjectId: string, eventTypes: readonly string[]): Promise<void>;
  /** Runs that hear `eventType` about any of `subjects`. */
  find(subjects: readonly string[], eventType: string): Promise<string[]>;
  /** A signal found no run: forget it, unless it was (re-)added since `before`. */
  gone(workflowId: string, before: Date): Promise<void>;
  /** Forgets every run not in `running` and added before `before`. */
  prune(running: ReadonlySet<string>, before: Date): Promise<number>;
}

/** The event types a rule's runs wait for; none, and its runs need not be written down. */
export function eventsWaitedFor(rule: Pick<CompiledRule, 'steps'>): string[] {
  const types = new Set<string>();
  for (const step of rule.steps) if (step.action === 'wait-for-event') types.add(step.event);
  return [...types];
}

/**
 * The table in recflow's database. `startMarginMs`: a row this young may belong to a run
 * about to start, so a signal that finds no run does not remove it.
 */
export function dbListeners(db: Db, { startMarginMs = 60_000 } = {}): RunListeners {
  return {
    async add(workflowId, subjectId, eventTypes) {
      const addedAt = new Date();
      for (const eventType of eventTypes) {
        await db.runListener.upsert({ where: { workflowId_eventType: { workflowId, eventType } }, create: { workflowId, eventType, subjectId, addedAt }, update: { subjectId, addedAt } });
      }
    },
    async find(subjects, eventType) {
      const rows = await db.runListener.findMany({ where: { subjectId: { in: [...subjects] }, eventType: { in: [eventType, ANY_EVENT] } }, select: { workflowId: true } });
      return [...new Set(rows.map((r) => r.workflowId))];
    },
    async gone(workflowId, before) {
      await db.runListener.deleteMany({ where: { workflowId, addedAt: { lt: new Date(before.getTime() - startMarginMs) } } });
    },
    async prune(running, before) {
      const cutoff = new Date(before.getTime() - startMarginMs);
      const rows = await db.runListener.findMany({ where: { addedAt: { lt: cutoff } }, select: { workflowId: true } });
      const stale = [...new Set(rows.map((r) => r.workflowId).filter((id) => !running.has(id)))];
      for (let i = 0; i < stale.length; i += 500) {
        await db.runListener.deleteMany({ where: { workflowId: { in: stale.slice(i, i + 500) }, addedAt: { lt: cutoff } } });
      }
      return stale.length;
    },
  };
}

/**
 * At start-up: writes down the runs Temporal has running (started by an older recflow, or
 * while the table was out of reach) and forgets the rows of runs that ended unnoticed.
 * A run of a loaded rule version hears what its steps wait for, any other every event.
 */
export async function registerRunning(client: Client, listeners: RunListeners, rules: readonly CompiledRule[]): Promise<{ running: number; pruned: number }> {
  const listedAt = new Date();
  const waits = new Map(rules.map((r) => [r.hash, eventsWaitedFor(r)]));
  const running = new Set<string>();
  for await (const run of client.workflow.list({ query: 'WorkflowType = "runRule" AND ExecutionStatus = "Running"' })) {
    const subject = run.typedSearchAttributes.get(searchAttributeKeys.SubjectId);
    if (!subject) continue;
    running.add(run.workflowId);
    const hash = run.typedSearchAttributes.get(searchAttributeKeys.RuleHash);
    // A loaded version's waits ([] when it has none: nothing to write); unknown: every event.
    const types = (hash === undefined ? undefined : waits.get(hash)) ?? [ANY_EVENT];
    if (types.length) await listeners.add(run.workflowId, subject, types);
  }
  return { running: running.size, pruned: await listeners.prune(running, listedAt) };
}
