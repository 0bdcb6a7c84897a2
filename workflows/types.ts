import type { RecflowEvent } from '../src/events/catalog.js';
import type { CompiledRule } from '../src/rules/snapshot.js';

/** The one input object of a rule run: the rule as compiled when it fired, and the event. */
export interface RuleRunInput {
  rule: CompiledRule;
  event: RecflowEvent;
  /** Queued mode: firings (each with its rule as compiled then) that arrived while this run was going. */
  queue?: { rule: CompiledRule; event: RecflowEvent }[];
  /** Event ids this workflow id has already handled (queued mode), so a repeat is ignored. */
  seen?: string[];
}

export type StepOutcome = 'done' | 'skipped' | 'stopped' | 'timed-out' | 'received' | 'approved' | 'rejected';

export interface StepRecord {
  index: number;
  label: string;
  outcome: StepOutcome;
  /** Workflow time (ISO) when the step ended. */
  at: string;
  /** What the step produced, for people: a document key, a mail's recipients, … */
  note?: string;
}

export interface RuleRunResult {
  /** completed: every step ran; stopped: a step ended the run; skipped: the rule's `if` was false. */
  status: 'completed' | 'stopped' | 'skipped';
  ruleId: string;
  ruleHash: string;
  steps: StepRecord[];
  documents: { as: string; key: string }[];
  /** status is left out for sent mail; draft: waiting in the outbox for approval. */
  emails: { key: string; messageId: string; to: string[]; status?: 'draft' | 'discarded' }[];
}

/** What a run reports to the `progress` query. */
export interface RuleRunProgress {
  ruleId: string;
  ruleHash: string;
  /** Index of the step running now; null before the first and after the last. */
  step: number | null;
  label: string;
  done: StepRecord[];
  /** Set while the run waits: for what and until when (ISO), if bounded. */
  waiting?: { for: 'time' | 'event' | 'approval'; until?: string; what: string };
}

export interface ApprovalDecision {
  /** De-duplication key: the same decision delivered twice counts once. */
  id: string;
  decision: 'approve' | 'reject';
  by: string;
  note?: string;
}
