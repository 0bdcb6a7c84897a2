// Money allocated to invoices (and undone again), in the caller's transaction: Payment
// rows, the parts' and invoices' paid amounts, the status, the audit trail and the
// domain events. One call takes any number of allocations, so a bank import of 100k
// lines writes in batches instead of row by row; an override passes one.
import { InvalidTransition, transition, type InvoiceStatus } from '../domain/invoice-status.js';
import { toMinor } from '../domain/money.js';
import { allocateToParts, type PartKind } from '../domain/parts.js';
import type { InvoiceEvent } from '../events/catalog.js';
import type { DbTransaction } from '../platform/db.js';
import { InvoicingError, nowOf, type InvoicingContext } from './context.js';
import { insertEvents, insertRows, knownEventIds, orderedId, readInvoices, writePaidAmounts, type PaidUpdate } from './allocation-writes.js';

export interface AllocationInput {
  invoiceId: string;
  amountMinor: number;
  /** The part the money is for; omitted = oldest part first (prepayment, then remaining). */
  part?: PartKind;
  /** Calendar date the money arrived. */
  paidOn: string;
  reference?: string | null;
  /** "manual" (API) | "bank" (statement import) | "override" (a person's correction). */
  source: 'manual' | 'bank' | 'override';
  transactionId?: string;
  /** Refused when it differs from the invoice's currency (never converted). */
  currency?: string;
}

export interface AppliedAllocation {
  paymentId: string;
  invoiceId: string;
  number: string | null;
  from: InvoiceStatus;
  status: InvoiceStatus;
  paidMinor: number;
  grossMinor: number;
}

interface InvoiceState {
  row: { id: string; tenantId: string; customerId: string; kind: string; number: string | null; currency: string; opportunityId: string | null; grossMinor: bigint; paidMinor: bigint; status: string; reminderCount: number };
  parts: { id: string; kind: string; amountMinor: number; paidMinor: number; before: number }[];
  paid: number;
  status: InvoiceStatus;
}

/**
 * Applies allocations in order (later ones see what earlier ones paid) and writes them.
 * Each payment yields `payment/received`; an invoice it settles yields `invoice/paid`.
 * A concurrent change to one of the invoices is a `conflict`: nothing is written.
 * @example await applyAllocations(tx, ctx, tenantId, [{ invoiceId, amountMinor: 5000, paidOn: '2026-11-23', source: 'bank', transactionId }])
 */
export async function applyAllocations(tx: DbTransaction, ctx: InvoicingContext, tenantId: string, input: readonly AllocationInput[]): Promise<AppliedAllocation[]> {
  if (input.length === 0) return [];
  const states = await loadStates(tx, tenantId, [...new Set(input.map((a) => a.invoiceId))]);
  const now = nowOf(ctx);
  const applied: AppliedAllocation[] = [];
  const payments: Record<string, unknown>[] = [];
  for (const a of input) {
    const s = states.get(a.invoiceId);
    if (!s) throw new InvoicingError('not_found', `no invoice ${a.invoiceId}`);
    const label = s.row.number ?? s.row.id;
    if (s.row.kind !== 'proforma' && s.row.kind !== 'final') throw new InvoicingError('invalid_input', `${label} is a ${s.row.kind}; payments go to invoices and proformas`);
    if (a.currency && a.currency !== s.row.currency) throw new InvoicingError('invalid_input', `${label} is in ${s.row.currency}, the money in ${a.currency}; currencies are never converted`);
    if (!Number.isSafeInteger(a.amountMinor) || a.amountMinor <= 0) throw new InvoicingError('invalid_input', `amountMinor: must be a positive integer of minor units, got ${a.amountMinor}`);
    const from = s.status;
    const gross = toMinor(s.row.grossMinor);
    s.paid += a.amountMinor;
    try {
      s.status = transition({ status: s.status, reminderCount: s.row.reminderCount }, { type: 'payment', paidMinor: s.paid, grossMinor: gross }).status;
    } catch (e) {
      if (e instanceof InvalidTransition) throw new InvoicingError('invalid_state', `invoice ${label}: ${e.message}`);
      throw e;
    }
    addToParts(s, a);
    const paymentId = orderedId();
    payments.push({
      id: paymentId, tenantId, customerId: s.row.customerId, invoiceId: s.row.id, amountMinor: a.amountMinor, currency: s.row.currency,
      paidOn: a.paidOn, reference: a.reference ?? null, part: a.part ?? null, source: a.source, transactionId: a.transactionId ?? null, createdAt: now,
    });
    applied.push({ paymentId, invoiceId: s.row.id, number: s.row.number, from, status: s.status, paidMinor: s.paid, grossMinor: gross });
  }
  await insertRows(tx, 'Payment', payments);
  await writePaidAmounts(tx, now, [...states.values()].map(toUpdate));
  await insertRows(tx, 'AuditEvent', applied.map((p, i) => ({
    id: orderedId(), tenantId, entity: 'invoice', entityId: p.invoiceId, action: 'payment', actor: ctx.actor, createdAt: now,
    data: JSON.stringify({ from: p.from, to: p.status, paymentId: p.paymentId, amountMinor: input[i]!.amountMinor, paidOn: input[i]!.paidOn, source: input[i]!.source, ...(input[i]!.transactionId && { transactionId: input[i]!.transactionId }) }),
  })));
  // Paid again after an undo: the first invoice/paid id is taken, so the new one names its payment.
  const settles = (p: AppliedAllocation) => p.status === 'paid' && p.from !== 'paid';
  const repaid = await knownEventIds(tx, applied.filter(settles).map((p) => `invoice:${p.invoiceId}:paid`));
  const events: InvoiceEvent[] = [];
  for (const [i, p] of applied.entries()) {
    const row = states.get(p.invoiceId)!.row;
    events.push({ ...eventBase(row, `payment:${p.paymentId}:received`, now), type: 'payment/received', paymentId: p.paymentId, amountMinor: input[i]!.amountMinor, currency: row.currency });
    const paidId = `invoice:${p.invoiceId}:paid`;
    if (settles(p)) events.push({ ...eventBase(row, repaid.has(paidId) ? `${paidId}:${p.paymentId}` : paidId, now), type: 'invoice/paid' });
  }
  await insertEvents(tx, events);
  return applied;
}

/**
 * Undoes one allocation: the payment stays (reversedAt, reversedBy) but no longer counts;
 * the invoice's paid amounts and status are recomputed. Other payments of the same bank
 * transaction are untouched. Records `payment/reversed` with the amount undone (id
 * `payment:<id>:reversed`), so rules about the invoice see it is open again.
 */
export async function reverseAllocation(tx: DbTransaction, ctx: InvoicingContext, tenantId: string, paymentId: string): Promise<AppliedAllocation & { amountMinor: number; transactionId: string | null }> {
  const payment = await tx.payment.findFirst({ where: { id: paymentId, tenantId } });
  if (!payment) throw new InvoicingError('not_found', `no payment ${paymentId}`);
  if (payment.reversedAt) throw new InvoicingError('invalid_state', `payment ${paymentId} was already undone (${payment.reversedAt.toISOString()} by ${payment.reversedBy})`);
  if (!payment.invoiceId) throw new InvoicingError('invalid_state', `payment ${paymentId} is not allocated to an invoice`);
  const s = (await loadStates(tx, tenantId, [payment.invoiceId])).get(payment.invoiceId)!;
  const amount = toMinor(payment.amountMinor);
  const from = s.status;
  const now = nowOf(ctx);
  const { count } = await tx.payment.updateMany({ where: { id: paymentId, reversedAt: null }, data: { reversedAt: now, reversedBy: ctx.actor } });
  if (count !== 1) throw new InvoicingError('conflict', `payment ${paymentId} changed while it was undone; read it again`);
  s.paid -= amount;
  takeFromParts(s, amount, payment.part as PartKind | null);
  if (s.status !== 'cancelled') s.status = await statusWithout(tx, s);
  await writePaidAmounts(tx, now, [toUpdate(s)]);
  await tx.auditEvent.create({
    data: { tenantId, entity: 'invoice', entityId: s.row.id, action: 'payment-reversed', actor: ctx.actor, data: { from, to: s.status, paymentId, amountMinor: amount } },
  });
  await insertEvents(tx, [{ ...eventBase(s.row, `payment:${paymentId}:reversed`, now), type: 'payment/reversed', paymentId, amountMinor: amount, currency: s.row.currency }]);
  return { paymentId, invoiceId: s.row.id, number: s.row.number, from, status: s.status, paidMinor: s.paid, grossMinor: toMinor(s.row.grossMinor), amountMinor: amount, transactionId: payment.transactionId };
}

async function loadStates(tx: DbTransaction, tenantId: string, ids: string[]): Promise<Map<string, InvoiceState>> {
  const states = new Map<string, InvoiceState>();
  for (const { parts, ...row } of await readInvoices(tx, tenantId, ids)) {
    states.set(row.id, {
      row,
      parts: parts.map((p) => ({ id: p.id, kind: p.kind, amountMinor: toMinor(p.amountMinor), paidMinor: toMinor(p.paidMinor), before: toMinor(p.paidMinor) })),
      paid: toMinor(row.paidMinor),
      status: row.status as InvoiceStatus,
    });
  }
  return states;
}

function addToParts(s: InvoiceState, a: AllocationInput): void {
  const target = a.part && s.parts.find((p) => p.kind === a.part);
  if (target) target.paidMinor += a.amountMinor;
  else allocateToParts(s.parts, a.amountMinor).forEach((paid, i) => (s.parts[i]!.paidMinor = paid));
}

/** Takes an undone amount back from its part, or from the newest-paid part first. */
function takeFromParts(s: InvoiceState, amount: number, part: PartKind | null): void {
  let left = amount;
  const order = [...s.parts].reverse().sort((a, b) => (a.kind === part ? -1 : b.kind === part ? 1 : 0));
  for (const p of order) {
    const take = Math.min(p.paidMinor, left);
    p.paidMinor -= take;
    left -= take;
  }
}

/** The status once a payment no longer counts: paid, or what it was before money came in. */
async function statusWithout(tx: DbTransaction, s: InvoiceState): Promise<InvoiceStatus> {
  if (s.paid >= toMinor(s.row.grossMinor)) return 'paid';
  const last = await tx.auditEvent.findFirst({
    where: { entity: 'invoice', entityId: s.row.id, action: { notIn: ['payment', 'payment-reversed', 'created'] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  const before = ((last?.data as { to?: InvoiceStatus } | null)?.to ?? 'issued') as InvoiceStatus;
  if (before === 'reminded') return 'reminded';
  if (s.paid > 0) return 'partially_paid';
  return before === 'paid' || before === 'partially_paid' ? 'issued' : before;
}

function toUpdate(s: InvoiceState): PaidUpdate {
  return {
    invoiceId: s.row.id, fromStatus: s.row.status, fromPaid: s.row.paidMinor, status: s.status, paidMinor: s.paid,
    parts: s.parts.filter((p) => p.paidMinor !== p.before).map((p) => ({ id: p.id, paidMinor: p.paidMinor })),
  };
}

function eventBase(row: InvoiceState['row'], id: string, now: Date) {
  return { id, tenantId: row.tenantId, customerId: row.customerId, occurredAt: now.toISOString(), invoiceId: row.id, ...(row.opportunityId && { opportunityId: row.opportunityId }) };
}
