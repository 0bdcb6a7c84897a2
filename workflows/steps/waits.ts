// Steps that wait: durable timers, events by signal, approvals by update. No side effects.
import { condition, sleep } from '@temporalio/workflow';
import type { RecflowEvent } from '../../src/events/catalog.js';
import { readPath } from '../../src/rules/facts.js';
import type { CompiledStep } from '../../src/rules/snapshot.js';
import { addDuration, type Duration } from '../../src/rules/words.js';
import type { RunContext, StepEnd } from '../context.js';

type Of<A extends CompiledStep['action']> = Extract<CompiledStep, { action: A }>;

const msFromNow = (d: Duration) => Math.max(0, addDuration(Date.now(), d) - Date.now());
const iso = (ms: number) => new Date(ms).toISOString();

export async function wait(ctx: RunContext, step: Of<'wait'>): Promise<StepEnd> {
  let target: number;
  if (step.for) target = addDuration(Date.now(), step.for);
  else {
    const { fact, date, shift, sign } = step.until!;
    const base = Date.parse(String(fact ? readPath(ctx.facts, fact) : date));
    target = addDuration(base, { months: sign * shift.months, ms: sign * shift.ms });
    if (Number.isNaN(target)) return { outcome: 'skipped', next: 'continue', note: `${step.until!.text} has no date` };
  }
  ctx.progress.waiting = { for: 'time', until: iso(target), what: step.label };
  await sleep(Math.max(0, target - Date.now()), { summary: step.label });
  await ctx.refreshFacts();
  return { outcome: 'done', next: 'continue' };
}

export async function waitForEvent(ctx: RunContext, step: Of<'wait-for-event'>): Promise<StepEnd> {
  const matches = (e: RecflowEvent) =>
    e.type === step.event && (!step.to || (e.type === 'opportunity/status-changed' && step.to.includes(e.to)));
  const timeout = msFromNow(step.within);
  ctx.progress.waiting = { for: 'event', until: iso(Date.now() + timeout), what: step.label };
  const received = await condition(() => ctx.inbox.some(matches), timeout, { summary: step.label });
  let note: string | undefined;
  if (received) {
    const i = ctx.inbox.findIndex(matches);
    note = `${ctx.inbox[i]!.type} ${ctx.inbox[i]!.id}`;
    ctx.inbox.splice(i, 1);
  }
  await ctx.refreshFacts();
  return received ? { outcome: 'received', next: step.then, note } : { outcome: 'timed-out', next: step.otherwise };
}

export async function requireApproval(ctx: RunContext, step: Of<'require-approval'>, index: number): Promise<StepEnd> {
  ctx.approval = { step: index };
  const decided = () => ctx.approval.decision !== undefined;
  if (step.within) {
    const timeout = msFromNow(step.within);
    ctx.progress.waiting = { for: 'approval', until: iso(Date.now() + timeout), what: step.message ?? step.label };
    await condition(decided, timeout, { summary: step.label });
  } else {
    ctx.progress.waiting = { for: 'approval', what: step.message ?? step.label };
    await condition(decided);
  }
  const decision = ctx.approval.decision;
  ctx.approval = { step: null };
  await ctx.refreshFacts();
  if (!decision) return { outcome: 'timed-out', next: step.otherwise };
  if (decision.decision === 'reject') return { outcome: 'rejected', next: 'stop', note: `rejected by ${decision.by}` };
  ctx.facts.run.approvedBy = decision.by;
  return { outcome: 'approved', next: 'continue', note: `approved by ${decision.by}` };
}
