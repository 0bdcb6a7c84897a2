// Preview: what a dunning run would do today, with fees and interest, without changing
// anything. Process (process.ts) recomputes the same rows per customer.
import type { CalendarDate } from '../domain/dates.js';
import type { PartKind } from '../domain/parts.js';
import type { DunningLevel } from '../receivables/dunning/levels.js';
import { dunningPreview, type DunningRow } from '../receivables/dunning/preview.js';
import { chargesFor, inChunks, loadChargeHistory, type PartCharges } from './charges.js';
import type { DunningContext } from './context.js';
import { loadItems, type DunningItem } from './items.js';
import { loadTenantDunning, runDateOf, type TenantDunning } from './settings.js';
import { staleImportWarning } from './stale.js';

export interface DunningScope {
  tenantId: string;
  branchId?: string;
  customerId?: string;
  level?: DunningLevel;
  /** The run date (tenant calendar date); default today in the tenant's time zone. */
  date?: CalendarDate;
}

export type PreviewRow = DunningRow & PartCharges & { customerName: string; issueDate: CalendarDate; paidMinor: number };

export interface HeldRow extends DunningRow {
  customerName: string;
  /** Why it is not dunned: a stop (with its reason) or a reminder at this level already sent. */
  why: string;
}

export interface PreviewResult {
  runDate: CalendarDate;
  warning?: string;
  rows: PreviewRow[];
  held: HeldRow[];
  problems: { invoiceId: string; number: string; part: PartKind; problem: string }[];
  /** Customers that would get a letter, in row order. */
  customerIds: string[];
  totals: { currency: string; openMinor: number; feeMinor: number; interestMinor: number }[];
}

/**
 * Lists what would be dunned; changes nothing.
 * @example await previewDunning(ctx, { tenantId, level: 1, date: '2026-04-01' })
 */
export async function previewDunning(ctx: DunningContext, scope: DunningScope): Promise<PreviewResult> {
  const t = await loadTenantDunning(ctx.db, scope.tenantId);
  const runDate = runDateOf(ctx, t, scope.date);
  const items = await loadItems(ctx.db, { tenantId: scope.tenantId, customerId: scope.customerId, branchId: scope.branchId });
  const [computed, warning] = await Promise.all([computeRows(ctx, t, items, { ...scope, date: runDate }), staleImportWarning(ctx.db, scope.tenantId, runDate)]);
  return { runDate, ...(warning && { warning }), ...computed };
}

/** The rows of a run over loaded items: the pure preview plus stops, repeats and charges. */
export async function computeRows(ctx: DunningContext, t: TenantDunning, items: DunningItem[], scope: DunningScope & { date: CalendarDate }): Promise<Omit<PreviewResult, 'runDate' | 'warning'>> {
  const pure = dunningPreview(items, t.dunning, { today: scope.date, branchId: scope.branchId, customerId: scope.customerId, level: scope.level });
  const byKey = new Map(items.map((i) => [`${i.invoiceId}:${i.part}`, i]));
  const name = (id: string) => t.customers.get(id)?.name ?? id;
  const ids = [...new Set(pure.rows.map((r) => r.invoiceId))];
  // The Reminder table holds one reminder per part and level: a level-3 reminder is sent once.
  const sent = new Set((await inChunks(ids, (chunk) => ctx.db.reminder.findMany({ where: { invoiceId: { in: chunk } }, select: { invoiceId: true, part: true, level: true } }))).map((r) => `${r.invoiceId}:${r.part}:${r.level}`));
  const history = await loadChargeHistory(ctx.db, ids);
  const feeTaken = new Set<string>();
  const rows: PreviewRow[] = [];
  const held: HeldRow[] = pure.held.map((h) => ({
    ...h,
    customerName: name(h.customerId),
    why: h.stop === 'invoice' ? 'dunning stop on the invoice' : `dunning stop on the customer: ${t.customers.get(h.customerId)?.dunningStop ?? ''}`,
  }));
  for (const r of pure.rows) {
    if (sent.has(`${r.invoiceId}:${r.part}:${r.level}`)) {
      held.push({ ...r, customerName: name(r.customerId), why: `a level-${r.level} reminder was already sent for this part` });
      continue;
    }
    const item = byKey.get(`${r.invoiceId}:${r.part}`)!;
    const charges = chargesFor({ ...r, amountMinor: item.amountMinor }, t, history, scope.date, feeTaken);
    rows.push({ ...r, ...charges, customerName: name(r.customerId), issueDate: item.issueDate, paidMinor: item.paidMinor });
  }
  const stopReasons = await invoiceStops(ctx, held);
  for (const h of held) if (stopReasons.has(h.invoiceId) && h.why === 'dunning stop on the invoice') h.why = `dunning stop on the invoice: ${stopReasons.get(h.invoiceId)}`;
  const problems = [
    ...pure.problems,
    ...rows.filter((r) => r.interestProblem).map((r) => ({ invoiceId: r.invoiceId, number: r.number, part: r.part, problem: `interest not computed: ${r.interestProblem}` })),
  ];
  const totals = new Map<string, PreviewResult['totals'][number]>();
  for (const r of rows) {
    const x = totals.get(r.currency) ?? { currency: r.currency, openMinor: 0, feeMinor: 0, interestMinor: 0 };
    x.openMinor += r.amountOpenMinor;
    x.feeMinor += r.feeMinor;
    x.interestMinor += r.interestMinor;
    totals.set(r.currency, x);
  }
  return {
    rows,
    held,
    problems,
    customerIds: [...new Set(rows.map((r) => r.customerId))],
    totals: [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)),
  };
}

async function invoiceStops(ctx: DunningContext, held: HeldRow[]): Promise<Map<string, string>> {
  const ids = held.filter((h) => h.why === 'dunning stop on the invoice').map((h) => h.invoiceId);
  if (ids.length === 0) return new Map();
  const rows = await inChunks(ids, (chunk) => ctx.db.invoice.findMany({ where: { id: { in: chunk } }, select: { id: true, dunningStop: true } }));
  return new Map(rows.map((r) => [r.id, r.dunningStop ?? '']));
}
