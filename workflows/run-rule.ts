import { allHandlersFinished, condition, continueAsNew, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { RecflowEvent } from '../src/events/catalog.js';
import { subjectOf } from '../src/events/catalog.js';
import { evaluate } from '../src/rules/conditions/evaluate.js';
import { activities, factsWithUpdates, localActivities, localSteps, stepBatches } from './activities.js';
import { stepKey, type RunContext, type StepEnd } from './context.js';
import { approveUpdate, decisionsQuery, enqueueSignal, eventSignal, progressQuery } from './messages.js';
import { runBatch, shortRunEnd } from './step-batch.js';
import { runStep } from './steps/index.js';
import { isShort, ruleApplies } from './steps/short.js';
import type { ApprovalDecision, RuleRunInput, RuleRunResult } from './types.js';

/**
 * The interpreter: runs a compiled rule snapshot step by step. Only orchestration here;
 * every side effect is an activity keyed by rule + event + step, so a retried or replayed
 * step never repeats its effect. Changes that alter the commands a running workflow
 * issues go behind patched() (test/workflows/replay.test.ts replays recorded histories).
 */
/** Short steps' proxies: local activities, or remote ones for runs from before that patch. */
const proxies = (local: boolean) => (local ? localActivities : activities);

export async function runRule(input: RuleRunInput): Promise<RuleRunResult> {
  const { rule, event } = input;
  const subject = subjectOf(event);
  const seenEvents = new Set<string>([event.id]);
  const seenFirings = new Set<string>([...(input.seen ?? []), event.id]);
  const queue = [...(input.queue ?? [])];
  const decisions = new Map<string, { accepted: boolean; step: number }>();
  // A run's commands differ from the first one on with step batches: decided before it.
  const batched = stepBatches();
  const local = () => batched || localSteps();
  const ctx: RunContext = {
    rule,
    event,
    facts: undefined as never, // loaded below, before any step runs
    documents: new Map(),
    result: { status: 'completed', ruleId: rule.id, ruleHash: rule.hash, steps: [], documents: [], emails: [] },
    inbox: [],
    approval: { step: null },
    progress: { ruleId: rule.id, ruleHash: rule.hash, step: null, label: 'starting', done: [] },
    key: (index) => stepKey(rule.id, event.id, index),
    factsInput: () => ({ event, ...(ctx.invoiceId ? { invoiceId: ctx.invoiceId } : {}), now: Date.now() }),
    useFacts: (facts) => {
      ctx.facts = { ...facts, run: ctx.facts.run };
    },
    refreshFacts: async () => ctx.useFacts(await proxies(local()).loadFacts.executeWithOptions({ summary: 'reload facts' }, [ctx.factsInput()])),
    workflowId: workflowInfo().workflowId,
    now: () => Date.now(),
    call: (name, summary, input) => (proxies(local())[name].executeWithOptions as (o: object, a: unknown[]) => never)({ summary }, [input]),
    factsWithUpdates: () => batched || factsWithUpdates(),
    localSteps: local,
  };

  setHandler(progressQuery, () => ctx.progress);
  setHandler(decisionsQuery, () => Object.fromEntries(decisions));
  setHandler(eventSignal, (e: RecflowEvent) => {
    if (!seenEvents.has(e.id)) (seenEvents.add(e.id), ctx.inbox.push(e));
  });
  setHandler(enqueueSignal, (firing) => {
    if (!seenFirings.has(firing.event.id)) (seenFirings.add(firing.event.id), queue.push(firing));
  });
  setHandler(
    approveUpdate,
    (d: ApprovalDecision) => {
      const known = decisions.get(d.id);
      if (known) return known;
      const answer = { accepted: true, step: ctx.approval.step! };
      ctx.approval.decision = d;
      decisions.set(d.id, answer);
      return answer;
    },
    {
      validator: (d: ApprovalDecision) => {
        if (!decisions.has(d.id) && ctx.approval.step === null) throw new Error(`run ${workflowInfo().workflowId} is not waiting for an approval`);
      },
    },
  );

  const details = (text: string) => setCurrentDetails(`**${rule.id}** (${rule.hash}) · ${subject.kind} ${subject.id} · ${text}`);
  const record = (index: number, { outcome, note }: Pick<StepEnd, 'outcome' | 'note'>) => {
    const done = { index, label: rule.steps[index]!.label, outcome, at: new Date(Date.now()).toISOString(), ...(note ? { note } : {}) };
    ctx.progress.done.push(done);
    ctx.result.steps.push(done);
  };
  // Steps end the run by next: 'stop'; a batch records its steps as they come back.
  let stopped = false;
  const ended = (index: number, end: StepEnd) => {
    record(index, end);
    if (end.next === 'stop') stopped = true;
  };
  const batchStart = (from: number, to: number) => (summary: string) => {
    Object.assign(ctx.progress, { step: from, label: summary, waiting: undefined });
    details(to > from ? `steps ${from + 1}–${to}/${rule.steps.length}: ${summary}` : summary);
  };

  // A run about an invoice acts on that invoice (mark-paid, cancel-invoice, fresh facts).
  if ('invoiceId' in event) ctx.invoiceId = event.invoiceId;
  let index = 0;
  let applies: boolean;
  if (batched) {
    index = shortRunEnd(ctx, 0);
    applies = await runBatch(ctx, 0, index, batchStart(0, index), ended);
  } else {
    details('loading facts');
    const first = { event, record: { workflowId: workflowInfo().workflowId, ruleId: rule.id, ruleHash: rule.hash }, now: Date.now() };
    ctx.facts = await proxies(local()).loadFacts.executeWithOptions({ summary: 'load facts' }, [first]);
    applies = ruleApplies(ctx);
  }
  if (!applies) ctx.result.status = 'skipped';

  while (applies && !stopped && index < rule.steps.length) {
    const step = rule.steps[index]!;
    // A lone short step runs as its own activity, with its own summary, as before batches.
    const to = batched && isShort(step) ? shortRunEnd(ctx, index) : index;
    if (to - index > 1) {
      await runBatch(ctx, index, to, batchStart(index, to), ended);
      index = to;
      continue;
    }
    Object.assign(ctx.progress, { step: index, label: step.label, waiting: undefined });
    details(`step ${index + 1}/${rule.steps.length}: ${step.label}`);
    if (step.if && !evaluate(step.if, ctx.facts)) ended(index, { outcome: 'skipped', next: 'continue' });
    else ended(index, await runStep(ctx, step, index));
    index++;
  }
  if (stopped) ctx.result.status = 'stopped';
  Object.assign(ctx.progress, { step: null, label: ctx.result.status, waiting: undefined });
  details(`${ctx.result.status} after ${ctx.result.steps.length} step(s)`);

  // Only when an update is still being handled: a condition costs every run another
  // pass through the sandbox, and it issues no command either way (replay-safe).
  if (!allHandlersFinished()) await condition(allHandlersFinished);
  const next = queue.shift();
  if (next) await continueAsNew<typeof runRule>({ ...next, queue, seen: [...seenFirings] });
  return ctx.result;
}
