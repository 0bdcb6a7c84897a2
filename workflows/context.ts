import type { LoadFactsInput, RunFacts } from '../activities/facts.js';
import type { RecflowEvent } from '../src/events/catalog.js';
import type { CompiledRule } from '../src/rules/snapshot.js';
import type { ApprovalDecision, RuleRunProgress, RuleRunResult, StepOutcome } from './types.js';

/** What a step may read and change while the interpreter runs it. Workflow-local state only. */
export interface RunContext {
  rule: CompiledRule;
  event: RecflowEvent;
  facts: RunFacts;
  /** The invoice a create-invoice step made; its facts are reloaded with the others. */
  invoiceId?: string;
  /** Rendered documents by their `as` name, for later attachments. */
  documents: Map<string, string>;
  result: RuleRunResult;
  /** Events about the subject received by signal and not yet consumed by a wait. */
  inbox: RecflowEvent[];
  approval: { step: number | null; decision?: ApprovalDecision };
  progress: RuleRunProgress;
  /** The idempotency key of step `index`: rule + event + step, never a run id. */
  key(index: number): string;
  /** Reloads the facts (after a wait, the world has moved on). */
  refreshFacts(): Promise<void>;
  /** What a reload reads: for activities that return fresh facts with their result. */
  factsInput(): LoadFactsInput;
  /** Takes facts read by an activity as the run's facts (keeping run-only ones). */
  useFacts(facts: RunFacts): void;
}

/** What a step reports back: how it ended, whether the run goes on, and a note for people. */
export interface StepEnd {
  outcome: StepOutcome;
  next: 'continue' | 'stop';
  note?: string;
}
