// Steps with one side effect each, done by an idempotent activity keyed by rule + event + step.
import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import { evaluate } from '../../src/rules/conditions/evaluate.js';
import { variantFor, type CompiledStep, type Recipient } from '../../src/rules/snapshot.js';
import { activities, factsWithUpdates, localSteps, shortSteps } from '../activities.js';
import type { RunContext, StepEnd } from '../context.js';

type Of<A extends CompiledStep['action']> = Extract<CompiledStep, { action: A }>;

/** The run's opportunity; a run about an invoice without one cannot create invoices or update it. */
function opportunityOf(ctx: RunContext, action: string): string {
  if (!ctx.facts.opportunity) throw ApplicationFailure.nonRetryable(`${action}: this run is about invoice ${'invoiceId' in ctx.event ? ctx.event.invoiceId : '?'}, which belongs to no opportunity`, 'NoOpportunity');
  return ctx.facts.opportunity.id;
}

export async function createInvoice(ctx: RunContext, step: Of<'create-invoice'>, index: number): Promise<StepEnd> {
  const { invoice, documentKey } = await shortSteps().createRuleInvoice.executeWithOptions({ summary: step.label }, [
    {
      key: ctx.key(index),
      actor: workflowInfo().workflowId,
      tenantId: ctx.event.tenantId,
      opportunityId: opportunityOf(ctx, 'create-invoice'),
      kind: step.kind,
      ...(step.dueIn ? { dueIn: step.dueIn } : {}),
      now: Date.now(),
    },
  ]);
  ctx.invoiceId = invoice.id;
  ctx.facts.invoice = invoice;
  ctx.documents.set(step.as, documentKey);
  ctx.result.documents.push({ as: step.as, key: documentKey });
  return { outcome: 'done', next: 'continue', note: `${invoice.number} (${invoice.amount}, due ${invoice.dueDate})` };
}

export async function renderDocument(ctx: RunContext, step: Of<'render-document'>, index: number): Promise<StepEnd> {
  const template = ctx.rule.templates[step.template];
  if (template?.kind !== 'document') throw ApplicationFailure.nonRetryable(`template ${step.template} is missing from the rule snapshot`);
  const doc = await shortSteps().renderTemplateDocument.executeWithOptions({ summary: `render ${step.template}` }, [
    { key: ctx.key(index), name: step.template, variant: variantFor(template.variants, ctx.facts.customer.language), facts: ctx.facts },
  ]);
  ctx.documents.set(step.as, doc.key);
  ctx.result.documents.push({ as: step.as, key: doc.key });
  return { outcome: 'done', next: 'continue', note: `${step.as} rendered` };
}

/** The tenant's aging report as of the run's date (activities/dunning.ts), to attach by name. */
export async function renderReport(ctx: RunContext, step: Of<'render-report'>, index: number): Promise<StepEnd> {
  const doc = await activities.renderAgingReport.executeWithOptions({ summary: step.label }, [{ key: ctx.key(index), tenantId: ctx.event.tenantId, date: ctx.facts.event.date }]);
  ctx.documents.set(step.as, doc.key);
  ctx.result.documents.push({ as: step.as, key: doc.key });
  return { outcome: 'done', next: 'continue', note: `${step.report} report as of ${ctx.facts.event.date}` };
}

export async function sendEmail(ctx: RunContext, step: Of<'send-email'> | Of<'notify-owner'>, index: number): Promise<StepEnd> {
  const template = ctx.rule.templates[step.template];
  if (template?.kind !== 'email') throw ApplicationFailure.nonRetryable(`template ${step.template} is missing from the rule snapshot`);
  const recipients: Recipient[] = step.action === 'notify-owner' ? ['owner'] : step.to;
  const to = [...new Set(recipients.flatMap((r) => ctx.facts.recipients[r]))];
  if (to.length === 0) {
    throw ApplicationFailure.nonRetryable(`nobody to send ${step.template} to: no ${recipients.join(' or ')} address is on file`, 'NoRecipient');
  }
  const attachmentKeys = (step.action === 'send-email' ? step.attach : []).map((name) => {
    const key = ctx.documents.get(name);
    // The checker guarantees an earlier step renders it; that step's if: may have skipped it.
    if (!key) throw ApplicationFailure.nonRetryable(`${step.template}: the attachment "${name}" was not rendered (its step was skipped)`, 'MissingAttachment');
    return key;
  });
  const language = recipients.includes('owner') && recipients.length === 1 ? 'en' : ctx.facts.customer.language;
  const variant = variantFor(template.variants, language);
  // Customer mail honours draft mode (the step's draft:, the tenant's ruleMailDelivery); owner notices go out.
  const draftable = step.action === 'send-email' ? { tenantId: ctx.event.tenantId, ...(step.draft ? { draft: true } : {}) } : {};
  const mail = await shortSteps().sendEmail.executeWithOptions({ summary: `email ${step.template} to ${to.join(', ')}` }, [
    { key: ctx.key(index), to, subject: variant.subject, body: variant.body, ...(variant.html ? { html: variant.html } : {}), facts: ctx.facts, attachmentKeys, ...draftable },
  ]);
  ctx.result.emails.push({ key: mail.key, messageId: mail.messageId, to, ...(mail.status && mail.status !== 'sent' ? { status: mail.status } : {}) });
  const note = mail.status === 'draft' ? `held for approval in the outbox (${mail.key}), to ${to.join(', ')}` : mail.status === 'discarded' ? `not sent: discarded in the outbox` : `emailed ${to.join(', ')}`;
  return { outcome: 'done', next: 'continue', note };
}

export async function updateOpportunity(ctx: RunContext, step: Of<'update-opportunity'>, index: number): Promise<StepEnd> {
  const opportunityId = opportunityOf(ctx, 'update-opportunity');
  // Fresh facts are for the steps after; the last step has nobody to read them.
  const last = index === ctx.rule.steps.length - 1;
  const combined = !last && factsWithUpdates();
  const input = {
    key: ctx.key(index),
    opportunityId,
    ...(step.status ? { status: step.status } : {}),
    ...(step.fields ? { fields: step.fields } : {}),
    ...(combined ? { reload: ctx.factsInput() } : {}),
  };
  // One short, idempotent transaction (keyed by the step): a local activity, like loadFacts.
  const { facts } = await shortSteps().updateOpportunity.executeWithOptions({ summary: step.label }, [input]);
  if (facts) ctx.useFacts(facts);
  else if (!combined && (!last || !localSteps())) await ctx.refreshFacts();
  return { outcome: 'done', next: 'continue', note: step.label };
}

export async function callWebhook(ctx: RunContext, step: Of<'call-webhook'>, index: number): Promise<StepEnd> {
  const body = { ruleId: ctx.rule.id, ruleHash: ctx.rule.hash, workflowId: workflowInfo().workflowId, step: index, event: ctx.event, facts: ctx.facts };
  const { status } = await activities.callWebhook.executeWithOptions({ summary: `${step.method} ${step.url}` }, [
    { key: ctx.key(index), url: step.url, method: step.method, body },
  ]);
  return { outcome: 'done', next: 'continue', note: `${step.url} answered ${status}` };
}

export async function invoiceAction(ctx: RunContext, step: Of<'mark-paid'> | Of<'cancel-invoice'>): Promise<StepEnd> {
  if (!ctx.invoiceId) throw ApplicationFailure.nonRetryable(`${step.action}: no invoice was created in this run (its create-invoice step was skipped)`, 'NoInvoice');
  const reason = step.action === 'cancel-invoice' ? step.reason : undefined;
  ctx.facts.invoice = await shortSteps().runInvoiceAction.executeWithOptions({ summary: step.label }, [
    { actor: workflowInfo().workflowId, tenantId: ctx.event.tenantId, invoiceId: ctx.invoiceId, action: step.action === 'mark-paid' ? 'mark-paid' : 'cancel', ...(reason ? { reason } : {}), now: Date.now() },
  ]);
  return { outcome: 'done', next: 'continue', note: `${ctx.facts.invoice.number} ${step.action === 'mark-paid' ? 'paid' : 'cancelled'}` };
}

/**
 * Sets customer fields or the service status. A step with if: reads the facts again first
 * and re-checks it on them (a payment may have come in since the run started); the activity
 * re-checks "something is overdue" in its transaction before suspending. A service change
 * that does not happen (already so, nothing overdue) ends the run: what follows is about it.
 */
export async function updateCustomer(ctx: RunContext, step: Of<'update-customer'>, index: number): Promise<StepEnd> {
  const combined = factsWithUpdates();
  if (!combined || step.if) await ctx.refreshFacts();
  if (step.if && !evaluate(step.if, ctx.facts)) return { outcome: 'skipped', next: 'continue', note: 'no longer true on fresh facts' };
  const last = index === ctx.rule.steps.length - 1;
  const result = await shortSteps().updateCustomer.executeWithOptions({ summary: step.label }, [
    {
      key: ctx.key(index),
      tenantId: ctx.event.tenantId,
      customerId: ctx.facts.customer.id,
      ...(step.fields ? { fields: step.fields } : {}),
      ...(step.service ? { service: step.service } : {}),
      now: Date.now(),
      ...(combined && !last ? { reload: ctx.factsInput() } : {}),
    },
  ]);
  if (result.facts) ctx.useFacts(result.facts);
  else if (!combined) await ctx.refreshFacts();
  if (step.service && !result.changed) return { outcome: 'skipped', next: 'stop', note: result.reason ?? 'nothing changed' };
  return { outcome: 'done', next: 'continue', note: step.label };
}
