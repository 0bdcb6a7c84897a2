import { allHandlersFinished, condition, continueAsNew, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { RecflowEvent } from '../src/events/catalog.js';
import { subjectOf } from '../src/events/catalog.js';
import { evaluate } from '../src/rules/conditions/evaluate.js';
import { shortSteps, type activities } from './activities.js';
import type { RunContext } from './context.js';
import { approveUpdate, decisionsQuery, enqueueSignal, eventSignal, progressQuery } from './messages.js';
import { runStep } from './steps/index.js';
import type { ApprovalDecision, RuleRunInput, RuleRunResult } from './types.js';

/**
 * The interpreter: runs a compiled rule snapshot step by step. Only orchestration here;
 * every side effect is an activity keyed by rule + event + step, so a retried or replayed
 * step never repeats its effect. Changes that alter the commands a running workflow
 * issues go behind patched() (test/workflows/replay.test.ts replays recorded histories).
 */
export async function runRule(input: RuleRunInput): Promise<RuleRunResult> {
  const { rule, event } = input;
  const subject = subjectOf(event);
  const seenEvents = new Set<string>([event.id]);
  const seenFirings = new Set<string>([...(input.seen ?? []), event.id]);
  const queue = [...(input.queue ?? [])];
  const decisions = new Map<string, { accepted: boolean; step: number }>();
  const ctx: RunContext = {
    rule,
    event,
    facts: undefined as never, // loaded below, before any step runs
    documents: new Map(),
    result: { status: 'completed', ruleId: rule.id, ruleHash: rule.hash, steps: [], documents: [], emails: [] },
    inbox: [],
    approval: { step: null },
    progress: { ruleId: rule.id, ruleHash: rule.hash, step: null, label: 'starting', done: [] },
    key: (index) => `rule:${rule.id}:event:${event.id}:step:${index}`,
    factsInput: () => ({ event, ...(ctx.invoiceId ? { invoiceId: ctx.invoiceId } : {}), now: Date.now() }),
    useFacts: (facts) => {
      ctx.facts = { ...facts, run: ctx.facts.run };
    },
    refreshFacts: async () => ctx.useFacts(await loadFacts({ summary: 'reload facts' }, ctx.factsInput())),
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
  details('loading facts');
  ctx.facts = await loadFacts({ summary: 'load facts' }, { event, record: { workflowId: workflowInfo().workflowId, ruleId: rule.id, ruleHash: rule.hash }, now: Date.now() });
  // A run about an invoice acts on that invoice (mark-paid, cancel-invoice, fresh facts).
  if ('invoiceId' in event) ctx.invoiceId = event.invoiceId;
  const applies = (!rule.when.pipeline || ctx.facts.opportunity?.pipeline === rule.when.pipeline) && (!rule.if || evaluate(rule.if, ctx.facts));
  if (!applies) ctx.result.status = 'skipped';

  for (const [index, step] of rule.steps.entries()) {
    if (!applies) break;
    Object.assign(ctx.progress, { step: index, label: step.label, waiting: undefined });
    details(`step ${index + 1}/${rule.steps.length}: ${step.label}`);
    const record = (outcome: RuleRunResult['steps'][number]['outcome'], note?: string) => {
      const done = { index, label: step.label, outcome, at: new Date(Date.now()).toISOString(), ...(note ? { note } : {}) };
      ctx.progress.done.push(done);
      ctx.result.steps.push(done);
    };
    if (step.if && !evaluate(step.if, ctx.facts)) {
      record('skipped');
      continue;
    }
    const end = await runStep(ctx, step, index);
    record(end.outcome, end.note);
    if (end.next === 'stop') {
      ctx.result.status = 'stopped';
      break;
    }
  }
  Object.assign(ctx.progress, { step: null, label: ctx.result.status, waiting: undefined });
  details(`${ctx.result.status} after ${ctx.result.steps.length} step(s)`);

  // Only when an update is still being handled: a condition costs every run another
  // pass through the sandbox, and it issues no command either way (replay-safe).
  if (!allHandlersFinished()) await condition(allHandlersFinished);
  const next = queue.shift();
  if (next) await continueAsNew<typeof runRule>({ ...next, queue, seen: [...seenFirings] });
  return ctx.result;
}

/** Facts are a few DB reads (and the one-time, idempotent audit entry): a short step. */
function loadFacts(options: { summary: string }, input: Parameters<typeof activities.loadFacts>[0]) {
  return shortSteps().loadFacts.executeWithOptions(options, [input]);
}
