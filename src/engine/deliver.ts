import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { subjectKey, type RecflowEvent } from '../events/catalog.js';
import type { CompiledRule } from '../rules/snapshot.js';
import { eventSignal } from '../../workflows/messages.js';
import { eventsWaitedFor, type RunListeners } from './listeners.js';

/**
 * The subjects whose runs an event concerns: its own, and for an invoice event the
 * invoice's opportunity too (a run about an enrolment waits for the payment of its invoice).
 */
export function subjectsOf(event: RecflowEvent): string[] {
  const subjects = [subjectKey(event)];
  if (subjects[0]!.startsWith('invoice:') && 'opportunityId' in event && event.opportunityId) subjects.push(`opportunity:${event.opportunityId}`);
  return subjects;
}

/**
 * Signals the event to every running rule run about the same subjects that may wait for
 * it. Runs de-duplicate by event id, so a repeated delivery is harmless.
 * With `listeners` (recflow's engine): the runs written down there (listeners.ts), each
 * written before it started. Without (tests on bare Temporal): runs of single/restart/queued
 * rules that wait for this kind of event have known ids (rule/<rule>/<subject>) and are
 * signalled directly; parallel runs and runs of rule versions no longer in force are found
 * through visibility (eventually consistent).
 */
export async function deliverEvent(client: Client, event: RecflowEvent, rules: readonly CompiledRule[] = [], listeners?: RunListeners): Promise<string[]> {
  const subjects = subjectsOf(event);
  const at = new Date();
  const ids = listeners ? await listeners.find(subjects, event.type) : await listedRuns(client, event, subjects, rules);
  const signalled: string[] = [];
  for (const workflowId of ids) {
    try {
      await client.workflow.getHandle(workflowId).signal(eventSignal, event);
      signalled.push(workflowId);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err; // not running (ended, or never started)
      await listeners?.gone(workflowId, at);
    }
  }
  return signalled;
}

/** Without a listeners table: the known ids of rules in force, and visibility's running runs. */
async function listedRuns(client: Client, event: RecflowEvent, subjects: string[], rules: readonly CompiledRule[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const rule of rules) if (rule.mode !== 'parallel' && eventsWaitedFor(rule).includes(event.type)) for (const s of subjects) ids.add(`rule/${rule.id}/${s}`);
  const query = `(${subjects.map((s) => `SubjectId = "${s}"`).join(' OR ')}) AND ExecutionStatus = "Running"`;
  try {
    for await (const run of client.workflow.list({ query })) if (run.type === 'runRule') ids.add(run.workflowId);
  } catch (err) {
    // The time-skipping test server has no visibility queries; the known ids still work.
    if (!unimplemented(err) || rules.length === 0) throw err;
  }
  return ids;
}

/** gRPC UNIMPLEMENTED (12) anywhere in the cause chain. */
function unimplemented(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown; message?: string } | undefined; e; e = e.cause as typeof e) {
    if (e.code === 12 || /UNIMPLEMENTED/.test(String(e.message))) return true;
  }
  return false;
}
