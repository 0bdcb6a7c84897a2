// The workflow bundle's entry: every workflow type the worker runs.
export { opportunityRule } from './opportunity-rule.js';
