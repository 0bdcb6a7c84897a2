import type { Client } from '@temporalio/client';
import type { ClockOffsets } from '../../activities/clock.js';
import type { Db } from '../platform/db.js';
import { clockOffsetsSignal, type tenantClock } from '../../workflows/clock.js';

export const clockWorkflowId = (tenantId: string) => `clock/${tenantId}`;

/**
 * Starts every tenant's clock, or tells a running one the current offsets: one
 * signal-with-start per tenant, so calling it at each start and reload is harmless.
 */
export async function startClocks(client: Client, taskQueue: string, db: Db, offsets: ClockOffsets, at?: string): Promise<string[]> {
  const tenants = await db.tenant.findMany({ select: { id: true, slug: true } });
  const ids: string[] = [];
  for (const t of tenants) {
    const workflowId = clockWorkflowId(t.id);
    await client.workflow.signalWithStart<typeof tenantClock, [ClockOffsets]>('tenantClock', {
      workflowId,
      taskQueue,
      args: [{ tenantId: t.id, offsets, ...(at ? { at } : {}) }],
      signal: clockOffsetsSignal,
      signalArgs: [offsets],
      staticSummary: `clock of ${t.slug}: invoice/due-soon ${offsets.dueSoon.join(', ') || '–'} · invoice/overdue ${offsets.overdue.join(', ') || '–'} (days)`,
    });
    ids.push(workflowId);
  }
  return ids;
}
