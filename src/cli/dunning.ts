// `recflow dunning preview|process|letters`: a dunning run from the command line.
// Preview reads DATABASE_URL and changes nothing; process starts the run's workflow on
// TEMPORAL_ADDRESS (or the local dev server), prints its Web UI link, waits and prints
// the summary; letters approves or discards a run's drafts.
import { parseArgs } from 'node:util';
import { Client } from '@temporalio/client';
import { isCalendarDate } from '../domain/dates.js';
import { formatDecimal } from '../domain/money.js';
import { createProcessRun, getRun, previewDunning, type PreviewResult, type RunView } from '../dunning/index.js';
import { startDunningWorkflow } from '../dunning/start.js';
import { loadConfig } from '../platform/config.js';
import { connectTemporal } from '../platform/temporal-connection.js';
import type { DunningLevel } from '../receivables/dunning/levels.js';
import { withDb } from './reports.js';
import { pickTenant } from './tenant.js';

const usage = `usage: recflow dunning <preview|process> [--branch <id>] [--customer <id>] [--level 1|2|3] [--date YYYY-MM-DD] [--tenant <slug>]
       recflow dunning process ... [--draft]        mails held as drafts for approval
       recflow dunning preview ... [--json]
       recflow dunning letters <run-id> --approve|--discard   a run's draft letters

  preview lists what would be dunned (invoice, part, level, days overdue, open, fee,
  interest), what is held and why, and warns when bank statements are not imported up
  to the run date. It changes nothing. process creates and mails the letters.`;

const options = {
  branch: { type: 'string' }, customer: { type: 'string' }, level: { type: 'string' }, date: { type: 'string' }, tenant: { type: 'string' },
  draft: { type: 'boolean' }, json: { type: 'boolean' }, approve: { type: 'boolean' }, discard: { type: 'boolean' },
} as const;

export async function dunningCommand(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command !== 'preview' && command !== 'process' && command !== 'letters') {
    console.error(command ? `unknown dunning command "${command}"\n\n${usage}` : usage);
    process.exitCode = 2;
    return;
  }
  const { values, positionals } = parseArgs({ args: rest, options, strict: true, allowPositionals: command === 'letters' });
  if (values.level !== undefined && !['1', '2', '3'].includes(values.level)) throw new Error(`--level "${values.level}": use 1, 2 or 3`);
  if (values.date !== undefined && !isCalendarDate(values.date)) throw new Error(`--date "${values.date}" is not a date (YYYY-MM-DD)`);
  await withDb(async (db) => {
    const tenantId = (await pickTenant(db, values.tenant)).id;
    const ctx = { db, actor: 'cli' };
    const scope = {
      tenantId,
      ...(values.branch && { branchId: values.branch }),
      ...(values.customer && { customerId: values.customer }),
      ...(values.level && { level: Number(values.level) as DunningLevel }),
      ...(values.date && { date: values.date }),
    };
    if (command === 'preview') {
      const p = await previewDunning(ctx, scope);
      console.log(values.json ? JSON.stringify(p, null, 2) : renderPreview(p));
      return;
    }
    if (command === 'letters') {
      const runId = positionals[0];
      if (!runId || values.approve === values.discard) throw new Error(`name the run and one of --approve or --discard\n\n${usage}`);
      const run = await getRun(ctx, tenantId, runId);
      const keys = ((run.summary.letterList ?? []) as { key: string; status: string }[]).filter((l) => l.status === 'draft').map((l) => l.key);
      if (keys.length === 0) throw new Error(`run ${runId} has no draft letters`);
      const results = await withTemporal(async (client, taskQueue) =>
        client.workflow.execute('dunningMail', { workflowId: `dunning/${runId}/letters/${Date.now()}`, taskQueue, args: [{ tenantId, runId, keys, action: values.approve ? 'approve' : 'discard' }], memo: { tenantId } }),
      );
      for (const r of results as { key: string; status: string; recorded: number }[]) console.log(`${r.key}: ${r.status}${r.recorded ? `, ${r.recorded} part(s) recorded` : ''}`);
      return;
    }
    const run = await createProcessRun(ctx, { ...scope, ...(values.draft && { delivery: 'draft' as const }) });
    if (run.warning) console.log(`⚠ ${run.warning}`);
    await withTemporal(async (client, taskQueue, link) => {
      const workflowId = await startDunningWorkflow(client, taskQueue, tenantId, run);
      console.log(`dunning run ${run.id} started (${run.runDate}, ${run.delivery === 'draft' ? 'drafts' : 'send'})\n${link(workflowId)}`);
      await client.workflow.getHandle(workflowId).result();
    });
    console.log(renderSummary(await getRun(ctx, tenantId, run.id)));
  });
}

async function withTemporal<T>(fn: (client: Client, taskQueue: string, link: (id: string) => string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const temporal = await connectTemporal(config);
  try {
    const ui = config.temporal.uiUrl ?? (config.temporal.address ? undefined : `http://localhost:${config.temporal.uiPort}`);
    const link = (id: string) => (ui ? `${ui}/namespaces/${temporal.namespace}/workflows/${encodeURIComponent(id)}` : id);
    return await fn(new Client({ connection: temporal.connection, namespace: temporal.namespace }), config.temporal.taskQueue, link);
  } finally {
    await temporal.connection.close();
    await temporal.nativeConnection.close();
  }
}

/** A table a person reads: one line per invoice part, then held items, problems, totals. */
export function renderPreview(p: PreviewResult): string {
  const money = (m: number, c: string) => `${formatDecimal(m, c)} ${c}`;
  const table = (head: string[], rows: string[][], right: number[]) => {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((v, i) => (right.includes(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
    return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  };
  const out: string[] = [`Dunning preview for ${p.runDate}`];
  if (p.warning) out.push(`⚠ ${p.warning}`);
  out.push('');
  if (p.rows.length === 0) out.push('Nothing to dun.');
  else
    out.push(
      table(
        ['customer', 'invoice', 'part', 'level', 'days', 'open', 'fee', 'interest'],
        p.rows.map((r) => [r.customerName, r.number, r.part, String(r.level), String(r.daysOverdue), money(r.amountOpenMinor, r.currency), money(r.feeMinor, r.currency), money(r.interestMinor, r.currency)]),
        [3, 4, 5, 6, 7],
      ),
    );
  if (p.held.length) out.push('', 'Held:', ...p.held.map((h) => `  ${h.customerName} ${h.number} ${h.part} (level ${h.level}): ${h.why}`));
  if (p.problems.length) out.push('', 'Problems:', ...p.problems.map((x) => `  ${x.number} ${x.part}: ${x.problem}`));
  if (p.rows.length) out.push('', `${p.customerIds.length} letter(s) to ${p.customerIds.length} customer(s); ${p.totals.map((t) => `open ${money(t.openMinor, t.currency)}, fees ${money(t.feeMinor, t.currency)}, interest ${money(t.interestMinor, t.currency)}`).join('; ')}`);
  return out.join('\n');
}

export function renderSummary(run: RunView): string {
  const s = run.summary as { letters?: number; sent?: number; drafts?: number; noRecipient?: number; partsRecorded?: number; held?: number; problems?: number; error?: string };
  if (run.status === 'failed') return `dunning run ${run.id} failed: ${s.error ?? 'see the workflow'}`;
  return (
    `dunning run ${run.id} ${run.status}: ${s.letters ?? 0} letter(s), ${s.sent ?? 0} sent, ${s.drafts ?? 0} draft(s) awaiting approval` +
    `${s.noRecipient ? `, ${s.noRecipient} without recipient` : ''}; ${s.partsRecorded ?? 0} invoice part(s) recorded; ${s.held ?? 0} held, ${s.problems ?? 0} problem(s)` +
    (s.drafts ? `\napprove: recflow dunning letters ${run.id} --approve` : '')
  );
}
