// Dunning activities: each does one thing, idempotently by business key (the letter
// key per customer, level and run date), so a retried activity never sends twice.
import path from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { agingOf } from '../src/dunning/aging.js';
import { renderAgingPdf } from '../src/dunning/aging-pdf.js';
import { DunningError, finishRun, previewDunning, processCustomer, releaseLetters, summaryOfPreview, type LetterResult, type ProcessDeps, type ReleaseResult } from '../src/dunning/index.js';
import { InvoicingError } from '../src/invoicing/context.js';
import type { DunningLevel } from '../src/receivables/dunning/levels.js';
import type { ActivityDeps } from './deps.js';
import { fileNameFor, sha256, writeFileAtomic } from './files.js';

export interface DunningPlan {
  runId: string;
  tenantId: string;
  runDate: string;
  branchId?: string;
  customerId?: string;
  level?: DunningLevel;
  delivery: 'send' | 'draft';
  customerIds: string[];
  rows: number;
  held: number;
  problems: number;
  warning?: string;
}

const processDeps = (deps: ActivityDeps, runId: string): ProcessDeps => ({ ...deps, ctx: { db: deps.db, actor: `dunning/${runId}` } });

/** Business errors fail the same on every retry: non-retryable, with the message. */
async function businessErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DunningError || (err instanceof InvoicingError && err.code !== 'conflict')) throw ApplicationFailure.nonRetryable(err.message, err.name);
    throw err;
  }
}

/** Reads the run's scope and previews it: the customers to write to, and the warning. */
export function planDunningRun(deps: ActivityDeps) {
  return async ({ runId }: { runId: string }): Promise<DunningPlan> =>
    businessErrors(async () => {
      const run = await deps.db.dunningRun.findUnique({ where: { id: runId } });
      if (!run) throw new DunningError('not_found', `no dunning run ${runId}`);
      const scope = {
        tenantId: run.tenantId,
        ...(run.branchId !== null && { branchId: run.branchId }),
        ...(run.customerId !== null && { customerId: run.customerId }),
        ...(run.level !== null && { level: run.level as DunningLevel }),
      };
      const preview = await previewDunning({ db: deps.db, actor: `dunning/${runId}` }, { ...scope, date: run.runDate });
      await deps.db.dunningRun.update({ where: { id: runId }, data: { warning: preview.warning ?? null, summary: { preview: summaryOfPreview(preview) } } });
      return {
        runId, ...scope, runDate: run.runDate, delivery: run.delivery === 'draft' ? 'draft' : 'send',
        customerIds: preview.customerIds, rows: preview.rows.length, held: preview.held.length, problems: preview.problems.length,
        ...(preview.warning && { warning: preview.warning }),
      };
    });
}

/**
 * Letters for a batch of customers. Heartbeats carry how many are done, so a retry on
 * another worker resumes there (and the letter keys make the redone ones no-ops).
 */
export function processDunningCustomers(deps: ActivityDeps) {
  return async (input: { plan: DunningPlan; customerIds: string[] }): Promise<LetterResult[]> =>
    businessErrors(async () => {
      const ctx = Context.current();
      const done = (ctx.info.heartbeatDetails as { results?: LetterResult[] } | undefined)?.results ?? [];
      const results: LetterResult[] = [...done];
      const finished = new Set(done.map((r) => r.customerId));
      ctx.heartbeat({ results });
      const timer = setInterval(() => ctx.heartbeat({ results }), 2_000);
      try {
        const { plan } = input;
        for (const customerId of input.customerIds) {
          if (finished.has(customerId)) continue;
          const letters = await processCustomer(processDeps(deps, plan.runId), {
            runId: plan.runId, tenantId: plan.tenantId, customerId, date: plan.runDate, delivery: plan.delivery,
            ...(plan.branchId !== undefined && { branchId: plan.branchId }),
            ...(plan.level !== undefined && { level: plan.level }),
          });
          results.push(...letters);
          finished.add(customerId);
          ctx.heartbeat({ results });
        }
        return results;
      } finally {
        clearInterval(timer);
      }
    });
}

export function finishDunningRun(deps: ActivityDeps) {
  return async (input: { runId: string; status: 'done' | 'failed'; summary: unknown }): Promise<void> => {
    await finishRun({ db: deps.db, actor: `dunning/${input.runId}` }, input.runId, input.status, input.summary);
  };
}

/** Approves (sends, then records) or discards draft letters. */
export function releaseDunningLetters(deps: ActivityDeps) {
  return async (input: { tenantId: string; runId?: string; keys: string[]; action: 'approve' | 'discard' }): Promise<ReleaseResult[]> =>
    businessErrors(() => releaseLetters(processDeps(deps, input.runId ?? 'release'), input));
}

/**
 * The tenant's aging report as a PDF document under `key` (a rule's business key), for a
 * send-email step to attach. Same key: the stored document, not a new one.
 */
export function renderAgingReport(deps: ActivityDeps) {
  return async (input: { key: string; tenantId: string; date?: string }): Promise<{ key: string; path: string; sha256: string }> =>
    businessErrors(async () => {
      const existing = await deps.db.document.findUnique({ where: { key: input.key } });
      if (existing) return { key: input.key, path: existing.path, sha256: existing.sha256 };
      const tenant = await deps.db.tenant.findUnique({ where: { id: input.tenantId } });
      if (!tenant) throw new DunningError('not_found', `no tenant ${input.tenantId}`);
      const report = await agingOf({ db: deps.db, actor: input.key }, { tenantId: input.tenantId, ...(input.date && { date: input.date }) });
      const bytes = await renderAgingPdf(report, tenant.name);
      const file = path.join(deps.dataDir, 'documents', fileNameFor(input.key, 'pdf'));
      await writeFileAtomic(file, bytes);
      const digest = sha256(bytes);
      await deps.db.document.upsert({ where: { key: input.key }, create: { key: input.key, kind: 'aging-report', path: file, sha256: digest, bytes: bytes.length }, update: {} });
      return { key: input.key, path: file, sha256: digest };
    });
}
