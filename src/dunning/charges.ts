// What a reminder adds to the claim: the level's fee (or the German flat fee, once per
// invoice) and statutory default interest on the part, per the tenant's settings.
import type { CalendarDate } from '../domain/dates.js';
import { toMinor } from '../domain/money.js';
import type { PartKind } from '../domain/parts.js';
import type { Db } from '../platform/db.js';
import type { DunningLevel } from '../receivables/dunning/levels.js';
import { settleClaim } from '../receivables/interest/claim.js';
import { reminderCosts } from '../receivables/interest/fees.js';
import { germanBaseRates, statutoryMarginBp } from '../receivables/interest/rates.js';
import type { TenantDunning } from './settings.js';

export interface PartCharges {
  feeMinor: number;
  feeKind?: 'reminder-fee' | 'flat-fee';
  interestMinor: number;
  /** Why interest could not be computed (e.g. the base rate is not known yet). */
  interestProblem?: string;
}

export interface ChargeInput {
  invoiceId: string;
  part: PartKind;
  level: DunningLevel;
  currency: string;
  amountMinor: number;
  dueDate: CalendarDate;
  customerId: string;
}

/** History the charges depend on, loaded once per run for the invoices concerned. */
export interface ChargeHistory {
  /** Invoices that already carry a fee (the flat fee is charged once per claim). */
  feeCharged: Set<string>;
  /** Fees already charged per invoice part (costs of the claim). */
  costs: Map<string, number>;
  /** Payments per invoice part, oldest first. */
  payments: Map<string, { date: CalendarDate; amountMinor: number }[]>;
}

export async function loadChargeHistory(db: Db, invoiceIds: string[]): Promise<ChargeHistory> {
  const [reminders, payments, parts] = await Promise.all([
    inChunks(invoiceIds, (ids) => db.reminder.findMany({ where: { invoiceId: { in: ids } }, select: { invoiceId: true, part: true, feeMinor: true } })),
    inChunks(invoiceIds, (ids) => db.payment.findMany({ where: { invoiceId: { in: ids }, reversedAt: null }, orderBy: [{ paidOn: 'asc' }, { createdAt: 'asc' }] })),
    inChunks(invoiceIds, (ids) => db.invoicePart.findMany({ where: { invoiceId: { in: ids } }, orderBy: { kind: 'asc' } })),
  ]);
  // Chunks keep invoice order per invoice; payments must be in date order within one invoice only.
  const h: ChargeHistory = { feeCharged: new Set(), costs: new Map(), payments: new Map() };
  for (const r of reminders) {
    const fee = toMinor(r.feeMinor);
    if (fee <= 0) continue;
    h.feeCharged.add(r.invoiceId);
    const key = `${r.invoiceId}:${r.part}`;
    h.costs.set(key, (h.costs.get(key) ?? 0) + fee);
  }
  // A payment names its part, or pays the oldest part first (prepayment, then remaining).
  const room = new Map(parts.map((p) => [`${p.invoiceId}:${p.kind}`, toMinor(p.amountMinor)]));
  for (const p of payments) {
    let left = toMinor(p.amountMinor);
    const targets = p.part ? [p.part] : ['prepayment', 'remaining'];
    for (const kind of targets) {
      const key = `${p.invoiceId}:${kind}`;
      if (!room.has(key) || left <= 0) continue;
      const take = p.part ? left : Math.min(left, room.get(key)!);
      if (take <= 0) continue;
      room.set(key, room.get(key)! - take);
      left -= take;
      const list = h.payments.get(key) ?? [];
      list.push({ date: p.paidOn, amountMinor: take });
      h.payments.set(key, list);
    }
  }
  return h;
}

/**
 * Fee and interest of one reminder. `feeTaken` holds invoices charged a fee earlier in
 * this run, so one letter never charges two fees for two parts of the same invoice.
 */
export function chargesFor(row: ChargeInput, t: TenantDunning, h: ChargeHistory, runDate: CalendarDate, feeTaken: Set<string>): PartCharges {
  const customer = t.customers.get(row.customerId);
  const kind = customer?.isBusiness === false ? 'consumer' : 'business';
  const out: PartCharges = { feeMinor: 0, interestMinor: 0 };
  if (!feeTaken.has(row.invoiceId)) {
    const costs = reminderCosts({ level: row.level, customerKind: kind, currency: row.currency, flatFeeCharged: h.feeCharged.has(row.invoiceId) }, t.fees);
    const cost = costs[0];
    if (cost) {
      out.feeMinor = cost.amountMinor;
      out.feeKind = cost.kind;
      feeTaken.add(row.invoiceId);
    }
  }
  if (t.interest.charge) {
    try {
      const key = `${row.invoiceId}:${row.part}`;
      const state = settleClaim(
        { principalMinor: row.amountMinor, dueDate: row.dueDate, costsMinor: h.costs.get(key) ?? 0, marginBp: statutoryMarginBp(kind), rates: germanBaseRates(), order: t.interest.order },
        h.payments.get(key) ?? [],
        runDate,
      );
      out.interestMinor = state.interestMinor;
    } catch (err) {
      out.interestProblem = (err as Error).message;
    }
  }
  return out;
}

/** Runs a query per chunk of ids: SQLite refuses statements with tens of thousands of parameters. */
export async function inChunks<T>(ids: string[], query: (ids: string[]) => Promise<T[]>, size = 5_000): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await query(ids.slice(i, i + size))));
  return out;
}
