// Short steps: one quick, idempotent side effect each, keyed by rule + event + step. The
// same code runs in the workflow (ctx.call schedules a local activity) and inside a step
// batch (activities/steps.ts, where ctx.call is the activity itself), so it imports
// nothing from the workflow sandbox.
import { ApplicationFailure } from '@temporalio/common';
import { evaluate } from '../../src/rules/conditions/evaluate.js';
import { variantFor, type CompiledStep, type Recipient } from '../../src/rules/snapshot.js';
import type { StepContext, StepEnd } from '../context.js';

type Of<A extends CompiledStep['action']> = Extract<CompiledStep, { action: A }>;

export type ShortStep = Of<'create-invoice' | 'render-document' | 'send-email' | 'notify-owner' | 'update-opportunity' | 'update-customer' | 'mark-paid' | 'cancel-invoice' | 'stop'>;

const SHORT = new Set<CompiledStep['action']>(['create-invoice', 'render-document', 'send-email', 'notify-owner', 'update-opportunity', 'update-customer', 'mark-paid', 'cancel-invoice', 'stop']);

/** Steps that neither wait nor call out of the building: they can share one activity. */
export function isShort(step: CompiledStep): step is ShortStep {
  return SHORT.has(step.action);
}

export function runShortStep(ctx: StepContext, step: ShortStep, index: number): Promise<StepEnd> {
  switch (step.action) {
    case 'create-invoice':
      return createInvoice(ctx, step, index);
    case 'mark-paid':
    case 'cancel-invoice':
      return invoiceAction(ctx, step);
    case 'render-document':
      return renderDocument(ctx, step, index);
    case 'send-email':
    case 'notify-owner':
      return sendEmail(ctx, step, index);
    case 'update-opportunity':
      return updateOpportunity(ctx, step, index);
    case 'update-customer':
      return updateCustomer(ctx, step, index);
    case 'stop':
      return Promise.resolve({ outcome: 'stopped', next: 'stop', ...(step.reason ? { note: step.reason } : {}) });
  }
}

/** The rule's own filters (pipeline, if:) on the run's first facts. */
export function ruleApplies(ctx: StepContext): boolean {
  const { rule } = ctx;
  return (!rule.when.pipeline || ctx.facts.opportunity?.pipeline === rule.when.pipeline) && (!rule.if || evaluate(rule.if, ctx.facts));
}

/** The run's opportunity; a run about an invoice without one cannot create invoices or update it. */
function opportunityOf(ctx: StepContext, action: string): string {
  if (!ctx.facts.opportunity) throw ApplicationFailure.nonRetryable(`${action}: this run is about invoice ${'invoiceId' in ctx.event ? ctx.event.invoiceId : '?'}, which belongs to no opportunity`, 'NoOpportunity');
  return ctx.facts.opportunity.id;
}

async function createInvoice(ctx: StepContext, step: Of<'create-invoice'>, index: number): Promise<StepEnd> {
  const { invoice, documentKey } = await ctx.call('createRuleInvoice', step.label, {
    key: ctx.key(index),
    actor: ctx.workflowId,
    tenantId: ctx.event.tenantId,
    opportunityId: opportunityOf(ctx, 'create-invoice'),
    kind: step.kind,
    ...(step.dueIn ? { dueIn: step.dueIn } : {}),
    now: ctx.now(),
  });
  ctx.invoiceId = invoice.id;
  ctx.facts.invoice = invoice;
  ctx.documents.set(step.as, documentKey);
  ctx.result.documents.push({ as: step.as, key: documentKey });
  return { outcome: 'done', next: 'continue', note: `${invoice.number} (${invoice.amount}, due ${invoice.dueDate})` };
}

async function renderDocument(ctx: StepContext, step: Of<'render-document'>, index: number): Promise<StepEnd> {
  const template = ctx.rule.templates[step.template];
  if (template?.kind !== 'document') throw ApplicationFailure.nonRetryable(`template ${step.template} is missing from the rule snapshot`);
  const doc = await ctx.call('renderTemplateDocument', `render ${step.template}`, {
    key: ctx.key(index),
    name: step.template,
    variant: variantFor(template.variants, ctx.facts.customer.language),
    facts: ctx.facts,
  });
  ctx.documents.set(step.as, doc.key);
  ctx.result.documents.push({ as: step.as, key: doc.key });
  return { outcome: 'done', next: 'continue', note: `${step.as} rendered` };
}

async function sendEmail(ctx: StepContext, step: Of<'send-email'> | Of<'notify-owner'>, index: number): Promise<StepEnd> {
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
  const mail = await ctx.call('sendEmail', `email ${step.template} to ${to.join(', ')}`, {
    key: ctx.key(index),
    to,
    subject: variant.subject,
    body: variant.body,
    ...(variant.html ? { html: variant.html } : {}),
    facts: ctx.facts,
    attachmentKeys,
    ...draftable,
  });
  ctx.result.emails.push({ key: mail.key, messageId: mail.messageId, to, ...(mail.status && mail.status !== 'sent' ? { status: mail.status } : {}) });
  const note = mail.status === 'draft' ? `held for approval in the outbox (${mail.key}), to ${to.join(', ')}` : mail.status === 'discarded' ? `not sent: discarded in the outbox` : `emailed ${to.join(', ')}`;
  return { outcome: 'done', next: 'continue', note };
}

async function updateOpportunity(ctx: StepContext, step: Of<'update-opportunity'>, index: number): Promise<StepEnd> {
  const opportunityId = opportunityOf(ctx, 'update-opportunity');
  // Fresh facts are for the steps after; the last step has nobody to read them.
  const last = index === ctx.rule.steps.length - 1;
  const combined = !last && ctx.factsWithUpdates();
  const input = {
    key: ctx.key(index),
    opportunityId,
    ...(step.status ? { status: step.status } : {}),
    ...(step.fields ? { fields: step.fields } : {}),
    ...(combined ? { reload: ctx.factsInput() } : {}),
  };
  // One short, idempotent transaction (keyed by the step), like loadFacts.
  const { facts } = await ctx.call('updateOpportunity', step.label, input);
  if (facts) ctx.useFacts(facts);
  else if (!combined && (!last || !ctx.localSteps())) await ctx.refreshFacts();
  return { outcome: 'done', next: 'continue', note: step.label };
}

async function invoiceAction(ctx: StepContext, step: Of<'mark-paid'> | Of<'cancel-invoice'>): Promise<StepEnd> {
  if (!ctx.invoiceId) throw ApplicationFailure.nonRetryable(`${step.action}: no invoice was created in this run (its create-invoice step was skipped)`, 'NoInvoice');
  const reason = step.action === 'cancel-invoice' ? step.reason : undefined;
  ctx.facts.invoice = await ctx.call('runInvoiceAction', step.label, {
    actor: ctx.workflowId,
    tenantId: ctx.event.tenantId,
    invoiceId: ctx.invoiceId,
    action: step.action === 'mark-paid' ? 'mark-paid' : 'cancel',
    ...(reason ? { reason } : {}),
    now: ctx.now(),
  });
  return { outcome: 'done', next: 'continue', note: `${ctx.facts.invoice.number} ${step.action === 'mark-paid' ? 'paid' : 'cancelled'}` };
}

/**
 * Sets customer fields or the service status. A step with if: reads the facts again first
 * and re-checks it on them (a payment may have come in since the run started); the activity
 * re-checks "something is overdue" in its transaction before suspending. A service change
 * that does not happen (already so, nothing overdue) ends the run: what follows is about it.
 */
async function updateCustomer(ctx: StepContext, step: Of<'update-customer'>, index: number): Promise<StepEnd> {
  const combined = ctx.factsWithUpdates();
  if (!combined || step.if) await ctx.refreshFacts();
  if (step.if && !evaluate(step.if, ctx.facts)) return { outcome: 'skipped', next: 'continue', note: 'no longer true on fresh facts' };
  const last = index === ctx.rule.steps.length - 1;
  const result = await ctx.call('updateCustomer', step.label, {
    key: ctx.key(index),
    tenantId: ctx.event.tenantId,
    customerId: ctx.facts.customer.id,
    ...(step.fields ? { fields: step.fields } : {}),
    ...(step.service ? { service: step.service } : {}),
    now: ctx.now(),
    ...(combined && !last ? { reload: ctx.factsInput() } : {}),
  });
  if (result.facts) ctx.useFacts(result.facts);
  else if (!combined) await ctx.refreshFacts();
  if (step.service && !result.changed) return { outcome: 'skipped', next: 'stop', note: result.reason ?? 'nothing changed' };
  return { outcome: 'done', next: 'continue', note: step.label };
}
