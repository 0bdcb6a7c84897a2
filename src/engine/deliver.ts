import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { subjectOf, type RecflowEvent } from '../events/catalog.js';
import { eventSignal } from '../../workflows/messages.js';

/**
 * Signals the event to every running rule run about the same subject (a wait-for-event
 * may be waiting for it). Runs de-duplicate by event id, so a repeated delivery is harmless.
 * Visibility is eventually consistent: a run started a moment ago may miss the event.
 */
export async function deliverEvent(client: Client, event: RecflowEvent): Promise<string[]> {
  const subject = subjectOf(event);
  const query = `SubjectId = "${subject.kind}:${subject.id}" AND ExecutionStatus = "Running"`;
  const signalled: string[] = [];
  for await (const run of client.workflow.list({ query })) {
    if (run.type !== 'runRule') continue;
    try {
      await client.workflow.getHandle(run.workflowId).signal(eventSignal, event);
      signalled.push(run.workflowId);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err; // it ended meanwhile
    }
  }
  return signalled;
}
