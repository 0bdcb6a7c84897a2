import type { CompiledStep } from '../../src/rules/snapshot.js';
import type { RunContext, StepEnd } from '../context.js';
import { callWebhook, createInvoice, invoiceAction, renderDocument, renderReport, sendEmail, updateCustomer, updateOpportunity } from './effects.js';
import { startRecurring, stopRecurring } from './recurring.js';
import { requireApproval, wait, waitForEvent } from './waits.js';

/** One step. Exhaustive over the compiled actions: a new action fails to compile until handled here. */
export function runStep(ctx: RunContext, step: CompiledStep, index: number): Promise<StepEnd> {
  switch (step.action) {
    case 'create-invoice':
      return createInvoice(ctx, step, index);
    case 'mark-paid':
    case 'cancel-invoice':
      return invoiceAction(ctx, step);
    case 'render-document':
      return renderDocument(ctx, step, index);
    case 'render-report':
      return renderReport(ctx, step, index);
    case 'send-email':
    case 'notify-owner':
      return sendEmail(ctx, step, index);
    case 'update-opportunity':
      return updateOpportunity(ctx, step, index);
    case 'update-customer':
      return updateCustomer(ctx, step, index);
    case 'start-recurring':
      return startRecurring(ctx, step, index);
    case 'stop-recurring':
      return stopRecurring(ctx, step);
    case 'call-webhook':
      return callWebhook(ctx, step, index);
    case 'wait':
      return wait(ctx, step);
    case 'wait-for-event':
      return waitForEvent(ctx, step);
    case 'require-approval':
      return requireApproval(ctx, step, index);
    case 'stop':
      return Promise.resolve({ outcome: 'stopped', next: 'stop', ...(step.reason ? { note: step.reason } : {}) });
    default:
      return unreachable(step);
  }
}

function unreachable(step: never): never {
  throw new Error(`no handler for step ${JSON.stringify(step)}`);
}
