// The workflow bundle's entry: every workflow type the worker runs.
export { runRule } from './run-rule.js';
export { tenantClock } from './clock.js';
export { dunningRun, dunningMail } from './dunning.js';
export { recurringInvoicePeriod } from './recurring.js';
export { ruleScheduleFired } from './rule-schedule.js';
export { releaseHeldMail } from './outbox.js';
