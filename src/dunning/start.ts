// Starts a process run's workflow (API and CLI): id dunning/<runId>, the tenant in the
// memo (the API shows a run only to its tenant), DunningLevel and CustomerId to search by.
import { TypedSearchAttributes } from '@temporalio/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { searchAttributePairs } from '../platform/search-attributes.js';
import type { RunView } from './runs.js';

export async function startDunningWorkflow(client: Client, taskQueue: string, tenantId: string, run: RunView): Promise<string> {
  const workflowId = run.workflowId ?? `dunning/${run.id}`;
  const scope = [run.branchId && `branch ${run.branchId}`, run.customerId && `customer ${run.customerId}`, run.level ? `level ${run.level}` : 'all levels'].filter(Boolean).join(', ');
  try {
    await client.workflow.start('dunningRun', {
      workflowId,
      taskQueue,
      args: [{ runId: run.id }],
      memo: { tenantId, runId: run.id },
      typedSearchAttributes: new TypedSearchAttributes(searchAttributePairs({ ...(run.level !== null && { DunningLevel: run.level }), ...(run.customerId !== null && { CustomerId: run.customerId }) })),
      staticSummary: `Dunning ${run.runDate}: ${scope} (${run.delivery === 'draft' ? 'drafts' : 'send'})`,
      staticDetails: `Dunning run ${run.id} started by ${run.startedBy}.${run.warning ? `\n\n⚠ ${run.warning}` : ''}`,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return workflowId;
}
