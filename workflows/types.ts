import type { OpportunityStatusChanged } from '../src/events/catalog.js';

/** The rule as compiled when the event fired; it travels with the run unchanged. */
export interface RuleSnapshot {
  id: string;
  hash: string;
  document: { title: string };
  email: { subject: string; body: string };
}

/** The one input object of a rule run. */
export interface RuleRunInput {
  rule: RuleSnapshot;
  event: OpportunityStatusChanged;
}

export interface RuleRunResult {
  documentKey: string;
  emailKey: string;
  messageId: string;
}

/** What a run reports to the `progress` query. */
export interface RuleRunProgress {
  step: string;
  done: string[];
}
