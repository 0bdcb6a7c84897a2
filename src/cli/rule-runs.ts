// `recflow rules progress <id>` and `recflow rules approve <id>`: a run seen and released
// from the command line, on the cluster in TEMPORAL_ADDRESS (or the local dev server).
import { randomUUID } from 'node:crypto';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { loadConfig } from '../platform/config.js';
import { connectTemporal } from '../platform/temporal-connection.js';
import { approveUpdate, progressQuery } from '../../workflows/messages.js';

export async function runCommand(command: 'progress' | 'approve', args: string[], usage: string): Promise<number> {
  const workflowId = args[0];
  const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  if (!workflowId || (command === 'approve' && !flag('--by'))) {
    console.error(usage);
    return 2;
  }
  const config = loadConfig();
  const temporal = await connectTemporal(config);
  try {
    const handle = new Client({ connection: temporal.connection, namespace: temporal.namespace }).workflow.getHandle(workflowId);
    const ui = config.temporal.uiUrl ?? (config.temporal.address ? undefined : `http://localhost:${config.temporal.uiPort}`);
    const link = ui ? `${ui}/namespaces/${temporal.namespace}/workflows/${encodeURIComponent(workflowId)}` : workflowId;
    if (command === 'approve') {
      const decision = args.includes('--reject') ? 'reject' : 'approve';
      const answer = await handle.executeUpdate(approveUpdate, { args: [{ id: flag('--id') ?? randomUUID(), decision, by: flag('--by')! }] });
      console.log(`${decision === 'approve' ? 'approved' : 'rejected'} step ${answer.step + 1} of ${workflowId}\n${link}`);
      return 0;
    }
    const [description, progress] = await Promise.all([handle.describe(), handle.query(progressQuery)]);
    console.log(`${workflowId}: ${description.status.name}, rule ${progress.ruleId} (version ${progress.ruleHash})`);
    for (const s of progress.done) console.log(`  ✓ ${s.index + 1}. ${s.label}: ${s.outcome}${s.note ? ` (${s.note})` : ''}  ${s.at}`);
    if (progress.step !== null) console.log(`  → ${progress.step + 1}. ${progress.label}${progress.waiting ? `: waiting for ${progress.waiting.for}${progress.waiting.until ? ` until ${progress.waiting.until}` : ''}` : ''}`);
    console.log(link);
    return 0;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) console.error(`no run ${workflowId} in namespace ${temporal.namespace}`);
    else if (err instanceof WorkflowUpdateFailedError) console.error(`${workflowId}: ${err.cause?.message ?? err.message}`);
    else throw err;
    return 1;
  } finally {
    await temporal.connection.close();
    await temporal.nativeConnection.close();
  }
}
