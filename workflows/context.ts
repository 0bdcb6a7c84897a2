import type { updateCustomer } from '../activities/customer.js';
import type { sendEmail } from '../activities/email.js';
import type { loadFacts, LoadFactsInput, RunFacts } from '../activities/facts.js';
import type { createRuleInvoice, runInvoiceAction } from '../activities/invoice.js';
import type { updateOpportunity } from '../activities/opportunity.js';
import type { renderTemplateDocument } from '../activities/rule-document.js';
import type { RecflowEvent } from '../src/events/catalog.js';
import type { CompiledRule } from '../src/rules/snapshot.js';
import type { ApprovalDecision, RuleRunProgress, RuleRunResult, StepOutcome } from './types.js';

/**
 * What a short step may read and change: the workflow's own state, or a copy of it inside
 * a step batch (activities/steps.ts), which hands the changes back.
 */
export interface StepContext {
  rule: CompiledRule;
  event: RecflowEvent;
  facts: RunFacts;
  /** The invoice a create-invoice step made; its facts are reloaded with the others. */
  invoiceId?: string;
  /** Rendered documents by their `as` name, for later attachments. */
  documents: Map<string, string>;
  result: Pick<RuleRunResult, 'documents' | 'emails'>;
  /** The idempotency key of step `index`: rule + event + step, never a run id. */
  key(index: number): string;
  /** Reloads the facts (after a wait, the world has moved on). */
  refreshFacts(): Promise<void>;
  /** What a reload reads: for activities that return fresh facts with their result. */
  factsInput(): LoadFactsInput;
  /** Takes facts read by an activity as the run's facts (keeping run-only ones). */
  useFacts(facts: RunFacts): void;
  /** The run's workflow id: the actor of what its steps record. */
  workflowId: string;
  /** The run's clock (workflow time, ms); inside a step batch, the time it was scheduled. */
  now(): number;
  /** A short step's activity: a local activity from the workflow, a plain call in a step batch. */
  call<K extends keyof ShortActivities>(name: K, summary: string, input: Parameters<ShortActivities[K]>[0]): ReturnType<ShortActivities[K]>;
  /** Whether update steps bring back fresh facts (patch facts-with-updates in the workflow). */
  factsWithUpdates(): boolean;
  /** Whether short steps are local activities (patch local-activities in the workflow). */
  localSteps(): boolean;
}

/** What any step may read and change while the interpreter runs it. Workflow-local state only. */
export interface RunContext extends StepContext {
  result: RuleRunResult;
  /** Events about the subject received by signal and not yet consumed by a wait. */
  inbox: RecflowEvent[];
  approval: { step: number | null; decision?: ApprovalDecision };
  progress: RuleRunProgress;
}

/** The activities short steps call (workflows/steps/short.ts). */
export interface ShortActivities {
  loadFacts: ReturnType<typeof loadFacts>;
  createRuleInvoice: ReturnType<typeof createRuleInvoice>;
  renderTemplateDocument: ReturnType<typeof renderTemplateDocument>;
  sendEmail: ReturnType<typeof sendEmail>;
  updateOpportunity: ReturnType<typeof updateOpportunity>;
  updateCustomer: ReturnType<typeof updateCustomer>;
  runInvoiceAction: ReturnType<typeof runInvoiceAction>;
}

/** A step's idempotency key: rule + event + step, never a run id (a retried or repeated run finds it). */
export function stepKey(ruleId: string, eventId: string, index: number): string {
  return `rule:${ruleId}:event:${eventId}:step:${index}`;
}

/** What a step reports back: how it ended, whether the run goes on, and a note for people. */
export interface StepEnd {
  outcome: StepOutcome;
  next: 'continue' | 'stop';
  note?: string;
}
