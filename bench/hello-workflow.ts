// Yardsticks for the rule interpreter's throughput (bench/thread.ts), run by one worker
// built like recflow's (src/worker.ts) on the same dev server.
import type { RunFacts } from '../activities/facts.js';
import type { OpportunityStatusChanged } from '../src/events/catalog.js';
import type { DocumentVariant } from '../src/rules/schema/template.js';
import { proxyActivities } from '@temporalio/workflow';
import type { greet as greetActivity } from './hello-activity.js';
import { localActivities } from '../workflows/activities.js';

const { greet } = proxyActivities<{ greet: typeof greetActivity }>({ startToCloseTimeout: '1 minute' });

/** The smallest workflow: the dev server's and worker's own throughput. */
export async function hello(name: string): Promise<string> {
  return `hello ${name}`;
}

/** Temporal's hello-world sample: a workflow that calls one activity. */
export async function helloActivity(name: string): Promise<string> {
  return await greet(name);
}

export interface ThreeEffectsInput {
  event: OpportunityStatusChanged;
  key: string;
  document: { name: string; variant: DocumentVariant };
  mail: { subject: string; body: string };
}

/**
 * The bench rule's three side effects written by hand: the same activities with the same
 * options as the interpreter, but no rule snapshot, no steps, no facts reloaded after.
 * The facts are read once, as any hand-written version would need them for the PDF.
 */
export async function threeEffects({ event, key, document, mail }: ThreeEffectsInput): Promise<string> {
  const facts: RunFacts = await localActivities.loadFacts({ event, now: Date.now() });
  const doc = await localActivities.renderTemplateDocument({ key: `${key}:1`, name: document.name, variant: document.variant, facts });
  const sent = await localActivities.sendEmail({ key: `${key}:2`, to: facts.recipients.accounting, subject: mail.subject, body: mail.body, facts, attachmentKeys: [doc.key], tenantId: event.tenantId });
  await localActivities.updateOpportunity({ key: `${key}:3`, opportunityId: event.opportunityId, fields: { confirmed: true } });
  return sent.messageId;
}
