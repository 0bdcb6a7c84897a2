// start-recurring / stop-recurring: the run's opportunity gets (or loses) its recurring
// invoice — a row plus a Temporal Schedule, made by an activity keyed by the step.
import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import type { CompiledStep } from '../../src/rules/snapshot.js';
import { activities } from '../activities.js';
import type { RunContext, StepEnd } from '../context.js';

type Of<A extends CompiledStep['action']> = Extract<CompiledStep, { action: A }>;

/** A recurring invoice belongs to an opportunity: runs about an invoice alone have none. */
function opportunityOf(ctx: RunContext, action: string): string {
  if (!ctx.facts.opportunity) throw ApplicationFailure.nonRetryable(`${action}: this run is about no opportunity; recurring invoices start from one`, 'NoOpportunity');
  return ctx.facts.opportunity.id;
}

export async function startRecurring(ctx: RunContext, step: Of<'start-recurring'>, index: number): Promise<StepEnd> {
  const started = await activities.startRuleRecurring.executeWithOptions({ summary: step.label }, [
    {
      key: ctx.key(index),
      actor: workflowInfo().workflowId,
      tenantId: ctx.event.tenantId,
      opportunityId: opportunityOf(ctx, step.action),
      everyMonths: step.everyMonths,
      ...(step.day ? { dayOfMonth: step.day } : {}),
      ...(step.at ? { at: step.at } : {}),
      now: Date.now(),
    },
  ]);
  return { outcome: 'done', next: 'continue', note: `${started.scheduleId}: ${started.cadence}` };
}

export async function stopRecurring(ctx: RunContext, step: Of<'stop-recurring'>): Promise<StepEnd> {
  const stopped = await activities.stopRuleRecurring.executeWithOptions({ summary: step.label }, [
    { actor: workflowInfo().workflowId, tenantId: ctx.event.tenantId, opportunityId: opportunityOf(ctx, step.action), now: Date.now() },
  ]);
  return { outcome: 'done', next: 'continue', note: stopped.length ? `stopped ${stopped.join(', ')}` : 'no recurring invoice was active' };
}
