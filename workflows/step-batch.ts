import { ApplicationFailure } from '@temporalio/workflow';
import type { StepBatchInput } from '../activities/steps.js';
import { localActivities } from './activities.js';
import type { RunContext, StepEnd } from './context.js';
import { isShort } from './steps/short.js';

/** The end (exclusive) of the run of short steps starting at `from`. */
export function shortRunEnd(ctx: RunContext, from: number): number {
  let to = from;
  while (to < ctx.rule.steps.length && isShort(ctx.rule.steps[to]!)) to++;
  return to;
}

/**
 * Steps [from, to) in one local activity, with the run's first facts when it has none yet.
 * Its summary names every step; each step is recorded as if it had run alone. Returns
 * false when the rule's filters leave the run out, and throws a step's failure for good.
 */
export async function runBatch(ctx: RunContext, from: number, to: number, onStart: (summary: string) => void, onEnd: (index: number, end: StepEnd) => void): Promise<boolean> {
  const first = ctx.facts === undefined;
  const labels = ctx.rule.steps.slice(from, to).map((s) => s.label);
  const summary = (first ? ['load facts', ...labels] : labels).join(' · ');
  onStart(summary);
  const input: StepBatchInput = {
    rule: ctx.rule,
    event: ctx.event,
    workflowId: ctx.workflowId,
    now: Date.now(),
    from,
    to,
    ...(first ? {} : { facts: ctx.facts }),
    ...(ctx.invoiceId ? { invoiceId: ctx.invoiceId } : {}),
    documents: Object.fromEntries(ctx.documents),
  };
  // Each step may take what a step alone may (an SMTP server slow to answer).
  const r = await localActivities.runStepBatch.executeWithOptions({ summary, startToCloseTimeout: `${30 * Math.max(1, to - from)} seconds` }, [input]);
  ctx.facts = r.facts;
  if (r.invoiceId) ctx.invoiceId = r.invoiceId;
  for (const [as, key] of Object.entries(r.documents)) ctx.documents.set(as, key);
  ctx.result.documents.push(...r.added.documents);
  ctx.result.emails.push(...r.added.emails);
  for (const { index, ...end } of r.ends) onEnd(index, end);
  if (r.failed) throw ApplicationFailure.create({ message: r.failed.message, nonRetryable: true, ...(r.failed.type ? { type: r.failed.type } : {}) });
  return r.applies;
}
