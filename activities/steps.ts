import { ApplicationFailure } from '@temporalio/common';
import { evaluate } from '../src/rules/conditions/evaluate.js';
import type { RecflowEvent } from '../src/events/catalog.js';
import type { CompiledRule } from '../src/rules/snapshot.js';
import { stepKey, type ShortActivities, type StepContext, type StepEnd } from '../workflows/context.js';
import { isShort, ruleApplies, runShortStep } from '../workflows/steps/short.js';
import type { RuleRunResult } from '../workflows/types.js';
import type { RunFacts } from './facts.js';

export interface StepBatchInput {
  rule: CompiledRule;
  event: RecflowEvent;
  workflowId: string;
  /** Workflow time when the batch was scheduled: the steps' "now". */
  now: number;
  /** The steps [from, to), all short (workflows/steps/short.ts). */
  from: number;
  to: number;
  /** Absent on the run's first batch, which loads them, records the firing and applies the rule's filters. */
  facts?: RunFacts;
  invoiceId?: string;
  documents: Record<string, string>;
}

export interface StepBatchResult {
  facts: RunFacts;
  /** False when the rule's pipeline or if: leaves the run out; no step ran then. */
  applies: boolean;
  invoiceId?: string;
  documents: Record<string, string>;
  /** What the steps add to the run's result. */
  added: Pick<RuleRunResult, 'documents' | 'emails'>;
  ends: (StepEnd & { index: number })[];
  /** A step that failed for good; the steps before it are in ends, done. */
  failed?: { index: number; message: string; type?: string };
}

/**
 * Consecutive short steps in one local activity: the run's workflow gets one result for
 * them instead of a workflow activation per step. Each step keeps its own idempotency key,
 * so a retried batch finds what its earlier steps did and does it again nowhere. A step that
 * fails for good comes back as data, after the steps done before it; any other error fails
 * the batch, which Temporal retries.
 */
export function runStepBatch(short: ShortActivities) {
  return async (input: StepBatchInput): Promise<StepBatchResult> => {
    const { rule, event } = input;
    const added: StepBatchResult['added'] = { documents: [], emails: [] };
    const ctx: StepContext = {
      rule,
      event,
      facts: input.facts!, // loaded below when absent
      ...(input.invoiceId ? { invoiceId: input.invoiceId } : {}),
      documents: new Map(Object.entries(input.documents)),
      result: added,
      key: (index) => stepKey(rule.id, event.id, index),
      factsInput: () => ({ event, ...(ctx.invoiceId ? { invoiceId: ctx.invoiceId } : {}), now: input.now }),
      useFacts: (facts) => {
        ctx.facts = { ...facts, run: ctx.facts.run };
      },
      refreshFacts: async () => ctx.useFacts(await short.loadFacts(ctx.factsInput())),
      workflowId: input.workflowId,
      now: () => input.now,
      call: (name, _summary, arg) => (short[name] as (a: typeof arg) => ReturnType<ShortActivities[typeof name]>)(arg),
      factsWithUpdates: () => true,
      localSteps: () => true,
    };
    const done = (applies: boolean, ends: StepBatchResult['ends'], failed?: StepBatchResult['failed']): StepBatchResult => ({
      facts: ctx.facts,
      applies,
      ...(ctx.invoiceId ? { invoiceId: ctx.invoiceId } : {}),
      documents: Object.fromEntries(ctx.documents),
      added,
      ends,
      ...(failed ? { failed } : {}),
    });
    if (!input.facts) {
      ctx.facts = await short.loadFacts({ event, record: { workflowId: input.workflowId, ruleId: rule.id, ruleHash: rule.hash }, now: input.now });
      if (!ruleApplies(ctx)) return done(false, []);
    }
    const ends: StepBatchResult['ends'] = [];
    for (let index = input.from; index < input.to; index++) {
      const step = rule.steps[index]!;
      if (!isShort(step)) throw ApplicationFailure.nonRetryable(`step ${index + 1} (${step.action}) cannot run in a step batch`, 'NotShort');
      if (step.if && !evaluate(step.if, ctx.facts)) {
        ends.push({ index, outcome: 'skipped', next: 'continue' });
        continue;
      }
      try {
        const end = await runShortStep(ctx, step, index);
        ends.push({ index, ...end });
        if (end.next === 'stop') break;
      } catch (err) {
        if (!(err instanceof ApplicationFailure) || !err.nonRetryable) throw err;
        return done(true, ends, { index, message: err.message, ...(err.type ? { type: err.type } : {}) });
      }
    }
    return done(true, ends);
  };
}
