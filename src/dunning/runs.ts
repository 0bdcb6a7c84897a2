// DunningRun rows: one per preview or process, with its scope, warning and summary.
import type { CalendarDate } from '../domain/dates.js';
import type { Prisma } from '../platform/db.js';
import type { DunningLevel } from '../receivables/dunning/levels.js';
import { DunningError, type DunningContext } from './context.js';
import type { LetterResult } from './process.js';
import { previewDunning, type DunningScope, type PreviewResult } from './preview.js';
import { loadTenantDunning, runDateOf } from './settings.js';
import { staleImportWarning } from './stale.js';

export interface RunView {
  id: string;
  mode: 'preview' | 'process';
  status: string;
  runDate: CalendarDate;
  branchId: string | null;
  customerId: string | null;
  level: number | null;
  delivery: 'send' | 'draft';
  workflowId: string | null;
  warning: string | null;
  summary: Record<string, unknown>;
  startedBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export const workflowIdOf = (runId: string) => `dunning/${runId}`;

/** A preview, recorded as a finished run (who looked at what, and when). */
export async function recordPreview(ctx: DunningContext, scope: DunningScope): Promise<{ run: RunView; preview: PreviewResult }> {
  const preview = await previewDunning(ctx, scope);
  const t = await loadTenantDunning(ctx.db, scope.tenantId);
  const row = await ctx.db.dunningRun.create({
    data: {
      tenantId: scope.tenantId, branchId: scope.branchId ?? null, customerId: scope.customerId ?? null, level: scope.level ?? null,
      runDate: preview.runDate, mode: 'preview', delivery: t.delivery, status: 'done', warning: preview.warning ?? null,
      summary: summaryOfPreview(preview) as Prisma.InputJsonValue, startedBy: ctx.actor, finishedAt: ctx.now?.() ?? new Date(),
    },
  });
  return { run: toRunView(row), preview };
}

/** A process run before its workflow starts: status running, workflow id dunning/<id>. */
export async function createProcessRun(ctx: DunningContext, scope: DunningScope & { delivery?: 'send' | 'draft' }): Promise<RunView> {
  const t = await loadTenantDunning(ctx.db, scope.tenantId);
  const runDate = runDateOf(ctx, t, scope.date);
  await checkScope(ctx, scope);
  const warning = await staleImportWarning(ctx.db, scope.tenantId, runDate);
  const row = await ctx.db.dunningRun.create({
    data: {
      tenantId: scope.tenantId, branchId: scope.branchId ?? null, customerId: scope.customerId ?? null, level: scope.level ?? null,
      runDate, mode: 'process', delivery: scope.delivery ?? t.delivery, status: 'running', warning: warning ?? null, summary: {}, startedBy: ctx.actor,
    },
  });
  const updated = await ctx.db.dunningRun.update({ where: { id: row.id }, data: { workflowId: workflowIdOf(row.id) } });
  return toRunView(updated);
}

export async function getRun(ctx: DunningContext, tenantId: string, id: string): Promise<RunView> {
  const row = await ctx.db.dunningRun.findFirst({ where: { id, tenantId } });
  if (!row) throw new DunningError('not_found', `no dunning run ${id}`);
  return toRunView(row);
}

export interface RunSummary {
  customers: number;
  letters: number;
  sent: number;
  drafts: number;
  noRecipient: number;
  partsRecorded: number;
  rows: number;
  held: number;
  problems: number;
  letterList: LetterResult[];
}

export function summarise(preview: { rows: number; held: number; problems: number }, letters: LetterResult[]): RunSummary {
  return {
    customers: new Set(letters.map((l) => l.customerId)).size,
    letters: letters.filter((l) => l.status !== 'no-recipient').length,
    sent: letters.filter((l) => l.status === 'sent').length,
    drafts: letters.filter((l) => l.status === 'draft').length,
    noRecipient: letters.filter((l) => l.status === 'no-recipient').length,
    partsRecorded: letters.reduce((n, l) => n + l.recorded, 0),
    ...preview,
    letterList: letters,
  };
}

export async function finishRun(ctx: DunningContext, id: string, status: 'done' | 'failed', summary: unknown): Promise<void> {
  await ctx.db.dunningRun.update({ where: { id }, data: { status, summary: summary as Prisma.InputJsonValue, finishedAt: ctx.now?.() ?? new Date() } });
}

export function summaryOfPreview(p: PreviewResult) {
  return { rows: p.rows.length, held: p.held.length, problems: p.problems.length, customers: p.customerIds.length, totals: p.totals };
}

async function checkScope(ctx: DunningContext, s: DunningScope): Promise<void> {
  if (s.branchId && !(await ctx.db.branch.findFirst({ where: { id: s.branchId, tenantId: s.tenantId } }))) throw new DunningError('not_found', `branchId: no branch ${s.branchId}`);
  if (s.customerId && !(await ctx.db.customer.findFirst({ where: { id: s.customerId, tenantId: s.tenantId } }))) throw new DunningError('not_found', `customerId: no customer ${s.customerId}`);
}

export function toRunView(r: { id: string; mode: string; status: string; runDate: string; branchId: string | null; customerId: string | null; level: number | null; delivery: string; workflowId: string | null; warning: string | null; summary: unknown; startedBy: string; createdAt: Date; finishedAt: Date | null }): RunView {
  return {
    id: r.id, mode: r.mode as RunView['mode'], status: r.status, runDate: r.runDate, branchId: r.branchId, customerId: r.customerId, level: r.level,
    delivery: r.delivery as RunView['delivery'], workflowId: r.workflowId, warning: r.warning, summary: (r.summary ?? {}) as Record<string, unknown>,
    startedBy: r.startedBy, createdAt: r.createdAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export type { DunningLevel };
