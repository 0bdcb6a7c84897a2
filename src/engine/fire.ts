import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client, type WorkflowStartOptions } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { subjectKey, subjectOf, type RecflowEvent } from '../events/catalog.js';
import type { CompiledRule } from '../rules/snapshot.js';
import { searchAttributePairs } from '../platform/search-attributes.js';
import { enqueueSignal } from '../../workflows/messages.js';
import type { runRule } from '../../workflows/run-rule.js';
import { deliverEvent } from './deliver.js';
import { eventsWaitedFor, type RunListeners } from './listeners.js';
import { rulesFor } from './match.js';

export interface FiredRun {
  ruleId: string;
  workflowId: string;
  /** False when this event had already started this rule's run, or a `single` run was going. */
  started: boolean;
}

/**
 * Deterministic ids: `parallel` runs are per event (the same event twice → one run);
 * the other modes have one run per rule and subject, so Temporal's id policies decide.
 * Event ids are already scoped by their subject.
 */
export function workflowIdFor(rule: Pick<CompiledRule, 'id' | 'mode'>, event: RecflowEvent): string {
  if (rule.mode === 'parallel') return `rule/${rule.id}/${event.id}`;
  return `rule/${rule.id}/${subjectKey(event)}`;
}

export interface FireOptions {
  /**
   * Set recflow's search attributes on the runs (default). The time-skipping test server
   * knows no custom search attributes, so tests on it turn them off.
   */
  searchAttributes?: boolean;
  /**
   * True when this event id was never fired before (a fresh outbox row, a status change
   * just committed): no run can carry it yet, so the repeat check (a describe) is skipped.
   */
  firstTime?: boolean;
  /**
   * Ask for eager start: the client's connection is the NativeConnection of a worker in
   * this process polling `taskQueue`, which then gets the first workflow task in the answer.
   */
  eager?: boolean;
  /**
   * recflow's table of runs that wait for events (listeners.ts): a run that waits is written
   * down before it starts, and events reach runs through it instead of Temporal's visibility.
   */
  listeners?: RunListeners;
}

/** Hands the event to the runs waiting on its subject, then starts a run per rule it fires. */
export async function fireEvent(client: Client, taskQueue: string, rules: readonly CompiledRule[], event: RecflowEvent, opts: FireOptions = {}): Promise<FiredRun[]> {
  await deliverEvent(client, event, rules, opts.listeners);
  const runs: FiredRun[] = [];
  for (const rule of rulesFor(rules, event)) runs.push(await startRun(client, taskQueue, rule, event, opts));
  return runs;
}

/** Starts (or, by the rule's mode, skips, restarts or queues) the run of one rule for one event. */
export async function startRun(client: Client, taskQueue: string, rule: CompiledRule, event: RecflowEvent, opts: FireOptions = {}): Promise<FiredRun> {
  const workflowId = workflowIdFor(rule, event);
  const fired = (started: boolean): FiredRun => ({ ruleId: rule.id, workflowId, started });
  const { typedSearchAttributes, ...plain } = startOptions(taskQueue, workflowId, rule, event);
  const options = opts.searchAttributes === false ? plain : { ...plain, typedSearchAttributes };
  // Per-subject ids outlive one event: a repeat of the event that started the current
  // (or last) run must not start, restart or queue anything.
  if (rule.mode !== 'parallel' && !opts.firstTime && (await lastEventId(client, workflowId)) === event.id) return fired(false);
  const waitsFor = opts.listeners ? eventsWaitedFor(rule) : [];
  if (waitsFor.length) await opts.listeners!.add(workflowId, subjectKey(event), waitsFor);
  try {
    switch (rule.mode) {
      case 'parallel':
        await client.workflow.start<typeof runRule>('runRule', { ...options, workflowIdReusePolicy: 'REJECT_DUPLICATE', requestEagerStart: opts.eager === true });
        break;
      case 'single':
        await client.workflow.start<typeof runRule>('runRule', { ...options, workflowIdReusePolicy: 'ALLOW_DUPLICATE', workflowIdConflictPolicy: 'FAIL', requestEagerStart: opts.eager === true });
        break;
      case 'restart':
        await client.workflow.start<typeof runRule>('runRule', { ...options, workflowIdReusePolicy: 'ALLOW_DUPLICATE', workflowIdConflictPolicy: 'TERMINATE_EXISTING' });
        break;
      case 'queued':
        await client.workflow.signalWithStart<typeof runRule, [{ rule: CompiledRule; event: RecflowEvent }]>('runRule', {
          ...options,
          workflowIdReusePolicy: 'ALLOW_DUPLICATE',
          signal: enqueueSignal,
          signalArgs: [{ rule, event }],
        });
        break;
    }
    return fired(true);
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return fired(false);
    throw err;
  }
}

function startOptions(taskQueue: string, workflowId: string, rule: CompiledRule, event: RecflowEvent) {
  const subject = subjectOf(event);
  const change = event.type === 'opportunity/status-changed' ? ` ${event.from ?? '(new)'} → ${event.to}` : ` ${event.type}`;
  return {
    workflowId,
    taskQueue,
    args: [{ rule, event }] as [{ rule: CompiledRule; event: RecflowEvent }],
    // eventId: repeats are recognised (lastEventId); tenantId: the API shows a run only to its tenant.
    memo: { eventId: event.id, tenantId: event.tenantId },
    typedSearchAttributes: new TypedSearchAttributes(
      searchAttributePairs({
        RuleId: rule.id,
        RuleHash: rule.hash,
        CustomerId: event.customerId,
        OpportunityId: 'opportunityId' in event ? event.opportunityId : undefined,
        SubjectId: subjectKey(event),
      }),
    ),
    staticSummary: `${rule.id}: ${subject.kind} ${subject.id}${change}`,
    staticDetails:
      `Rule **${rule.id}** (version ${rule.hash}, mode ${rule.mode}) from ${rule.file}\n\n` +
      `Event ${event.type} ${event.id} at ${event.occurredAt}\n\nSteps: ${rule.steps.map((s, i) => `${i + 1}. ${s.label}`).join(' · ')}`,
  } satisfies Partial<WorkflowStartOptions>;
}

async function lastEventId(client: Client, workflowId: string): Promise<string | undefined> {
  try {
    const { memo } = await client.workflow.getHandle(workflowId).describe();
    return memo?.eventId as string | undefined;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}
