// Workflows for the platform tests (bundled by the worker from this file).
import { sleep, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { searchAttributeKeys } from '../../src/platform/search-attributes.js';

/** Sleeps on a durable timer, then reports how long it slept in workflow time. */
export async function sleeper(ms: number): Promise<{ sleptMs: number }> {
  const start = Date.now(); // workflow time: deterministic, advanced by the server
  await sleep(ms);
  return { sleptMs: Date.now() - start };
}

/** Raises DunningLevel from inside the workflow and reads back its search attributes. */
export async function escalate(level: number): Promise<{ ruleId?: string; level?: number }> {
  upsertSearchAttributes([{ key: searchAttributeKeys.DunningLevel, value: level }]);
  const attributes = workflowInfo().typedSearchAttributes;
  return { ruleId: attributes.get(searchAttributeKeys.RuleId), level: attributes.get(searchAttributeKeys.DunningLevel) };
}
