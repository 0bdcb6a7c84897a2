// The aging report of a tenant's open receivables (seed 002), from the database.
import type { CalendarDate } from '../domain/dates.js';
import { agingReport, type AgingReport } from '../receivables/aging/report.js';
import type { DunningContext } from './context.js';
import { loadItems } from './items.js';
import { loadTenantDunning, runDateOf } from './settings.js';

/**
 * Per customer and currency, and in total per currency, as of `date` (default today
 * in the tenant's time zone). Open parts of issued final invoices, as dunning sees them.
 */
export async function agingOf(ctx: DunningContext, q: { tenantId: string; date?: CalendarDate }): Promise<AgingReport> {
  const t = await loadTenantDunning(ctx.db, q.tenantId);
  const items = await loadItems(ctx.db, { tenantId: q.tenantId });
  return agingReport(items, runDateOf(ctx, t, q.date), new Map([...t.customers].map(([id, c]) => [id, c.name])));
}
