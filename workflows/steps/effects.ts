// Steps that call out: the tenant's aging report and outgoing webhooks, each an ordinary
// (remote) activity keyed by rule + event + step. Short steps are in short.ts.
import { workflowInfo } from '@temporalio/workflow';
import type { CompiledStep } from '../../src/rules/snapshot.js';
import { activities } from '../activities.js';
import type { RunContext, StepEnd } from '../context.js';

type Of<A extends CompiledStep['action']> = Extract<CompiledStep, { action: A }>;

/** The tenant's aging report as of the run's date (activities/dunning.ts), to attach by name. */
export async function renderReport(ctx: RunContext, step: Of<'render-report'>, index: number): Promise<StepEnd> {
  const doc = await activities.renderAgingReport.executeWithOptions({ summary: step.label }, [{ key: ctx.key(index), tenantId: ctx.event.tenantId, date: ctx.facts.event.date }]);
  ctx.documents.set(step.as, doc.key);
  ctx.result.documents.push({ as: step.as, key: doc.key });
  return { outcome: 'done', next: 'continue', note: `${step.report} report as of ${ctx.facts.event.date}` };
}

export async function callWebhook(ctx: RunContext, step: Of<'call-webhook'>, index: number): Promise<StepEnd> {
  const body = { ruleId: ctx.rule.id, ruleHash: ctx.rule.hash, workflowId: workflowInfo().workflowId, step: index, event: ctx.event, facts: ctx.facts };
  const { status } = await activities.callWebhook.executeWithOptions({ summary: `${step.method} ${step.url}` }, [
    { key: ctx.key(index), url: step.url, method: step.method, body },
  ]);
  return { outcome: 'done', next: 'continue', note: `${step.url} answered ${status}` };
}
