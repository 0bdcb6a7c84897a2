import type { CompiledStep } from '../../src/rules/snapshot.js';
import type { RunContext, StepEnd } from '../context.js';
import { callWebhook, renderReport } from './effects.js';
import { startRecurring, stopRecurring } from './recurring.js';
import { isShort, runShortStep } from './short.js';
import { requireApproval, wait, waitForEvent } from './waits.js';

/** One step. Exhaustive over the compiled actions: a new action fails to compile until handled here. */
export function runStep(ctx: RunContext, step: CompiledStep, index: number): Promise<StepEnd> {
  if (isShort(step)) return runShortStep(ctx, step, index);
  switch (step.action) {
    case 'render-report':
      return renderReport(ctx, step, index);
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
    default:
      return unreachable(step);
  }
}

function unreachable(step: never): never {
  throw new Error(`no handler for step ${JSON.stringify(step)}`);
}
