// Matching and allocation of statement lines to open items. Decisions only: nothing is
// written; the caller stores allocations and signals the invoices' workflows.
import { formatMoney } from '../../domain/money.js';
import { byDueDate, type OpenItem } from '../open-item.js';
import type { BankTransaction } from '../statements/transaction.js';
import { findGroups, MAX_GROUP_ITEMS } from './groups.js';
import { buildMatchIndex, customerItems, type MatchIndex } from './index.js';
import { namedItems, payerCustomers } from './resolve.js';
import type { Allocation, MatchDecision, MatchedVia } from './types.js';

export interface MatchOptions {
  /** The tenant's invoice number formats (default '{series}-{year}-{seq:4}'). */
  numberFormats?: readonly string[];
  /** Bank refs imported before: those lines are duplicates and change nothing. */
  alreadyImported?: ReadonlySet<string>;
}

/**
 * Decides every line of one import in order; later lines see what earlier ones paid.
 * @example matchPayments(statement.transactions, openItems).map((d) => d.kind) // ['split', 'review', …]
 */
export function matchPayments(transactions: readonly BankTransaction[], items: readonly OpenItem[], options: MatchOptions = {}): MatchDecision[] {
  return matchWithIndex(transactions, buildMatchIndex(items, options.numberFormats), options.alreadyImported);
}

/** As matchPayments on a prepared index; the index's open amounts are used up. */
export function matchWithIndex(transactions: readonly BankTransaction[], ix: MatchIndex, alreadyImported?: ReadonlySet<string>): MatchDecision[] {
  const seen = new Set<string>();
  const out: MatchDecision[] = new Array(transactions.length);
  for (let i = 0; i < transactions.length; i++) {
    const tx = transactions[i]!;
    // One hash lookup per line: a ref already in `seen` leaves its size unchanged.
    const before = seen.size;
    seen.add(tx.bankRef);
    if (seen.size === before || alreadyImported?.has(tx.bankRef)) out[i] = { kind: 'duplicate', bankRef: tx.bankRef };
    else if (tx.direction === 'debit') out[i] = { kind: 'ignored', bankRef: tx.bankRef, reason: 'an outgoing payment' };
    else out[i] = decide(tx, ix);
  }
  return out;
}

function review(tx: BankTransaction, reason: string, candidates: string[] = []): MatchDecision {
  return { kind: 'review', bankRef: tx.bankRef, reason, candidates };
}

function decide(tx: BankTransaction, ix: MatchIndex): MatchDecision {
  const named = namedItems(tx, ix);
  if (named.ambiguous.length > 0) return review(tx, `the reference is ambiguous: ${named.ambiguous.join('; ')}`);
  if (named.positions.length > 0) return allocate(tx, named.positions, ix, 'number');
  const notOpen = named.unknown.length > 0 ? `; it names ${named.unknown.join(', ')}, which is not an open invoice` : '';
  const payer = payerCustomers(tx, ix);
  if (!payer) return review(tx, `no open invoice number in the reference and the payer is unknown${notOpen}`);
  const all: number[] = [];
  for (const c of payer.customers) for (const p of customerItems(ix, c)) if (ix.open[p]! > 0) all.push(p);
  const fit = all.filter((p) => ix.items[p]!.currency === tx.currency);
  if (fit.length === 0) {
    const other = [...new Set(all.map((p) => ix.items[p]!.currency))];
    return review(tx, other.length ? `currency mismatch: the payment is in ${tx.currency}, the payer's open items are in ${other.join(', ')}` : `the payer has no open items${notOpen}`);
  }
  const singles = fit.filter((p) => ix.open[p] === tx.amountMinor);
  if (singles.length === 1) return allocate(tx, singles, ix, payer.via);
  const numbers = (ps: number[]) => ps.map((p) => ix.items[p]!.number);
  if (singles.length > 1) return review(tx, `${singles.length} open items of the payer are exactly ${formatMoney(tx.amountMinor, tx.currency)}`, numbers(singles));
  if (payer.customers.length > 1) return review(tx, `the payer's ${payer.via === 'iban' ? 'IBAN' : 'name'} belongs to ${payer.customers.length} customers and no single item fits`);
  if (fit.length > MAX_GROUP_ITEMS) return review(tx, `the payer has ${fit.length} open items, too many to find which ones the payment settles`);
  const g = findGroups(fit.map((p) => ix.open[p]!), tx.amountMinor);
  if (g.count === 1) return allocate(tx, g.group.map((i) => fit[i]!), ix, payer.via);
  return review(tx, g.count === 0
    ? `no open item or group of up to 4 of the payer's items adds up to ${formatMoney(tx.amountMinor, tx.currency)}${notOpen}`
    : `several groups of the payer's open items add up to ${formatMoney(tx.amountMinor, tx.currency)}`);
}

/** Splits the payment over the items, oldest due date first; the rest becomes credit. */
function allocate(tx: BankTransaction, positions: number[], ix: MatchIndex, via: MatchedVia): MatchDecision {
  const ps = positions.length === 1 ? positions : [...new Set(positions)].sort((a, b) => byDueDate(ix.items[a]!, ix.items[b]!));
  const items = ps.length === 1 ? [ix.items[ps[0]!]!] : ps.map((p) => ix.items[p]!);
  const customers = distinct(items.map(customerOf));
  const numbers = distinct(items.map(numberOf));
  if (customers.length > 1) return review(tx, `the reference names invoices of ${customers.length} different customers`, numbers);
  const foreign = items.find((i) => i.currency !== tx.currency);
  if (foreign) return review(tx, `currency mismatch: the payment is in ${tx.currency}, ${foreign.number} is in ${foreign.currency}`, numbers);
  if (ps.every((p) => ix.open[p] === 0)) return review(tx, `${numbers.join(', ')} ${numbers.length > 1 ? 'are' : 'is'} already paid in this import`, numbers);
  let left = tx.amountMinor;
  const allocations: Allocation[] = [];
  for (const p of ps) {
    const take = Math.min(ix.open[p]!, left);
    if (take === 0) continue;
    ix.open[p] = ix.open[p]! - take;
    left -= take;
    const item = ix.items[p]!;
    allocations.push({ invoiceId: item.invoiceId, number: item.number, part: item.part, amountMinor: take, openAfterMinor: ix.open[p]! });
  }
  const stillOpen = ps.some((p) => ix.open[p]! > 0);
  const kind = left > 0 ? 'overpaid' : stillOpen ? 'partial' : numbers.length > 1 ? 'split' : 'matched';
  return { kind, bankRef: tx.bankRef, customerId: customers[0]!, currency: tx.currency, via, allocations, creditMinor: left };
}

const customerOf = (i: OpenItem) => i.customerId;
const numberOf = (i: OpenItem) => i.number;

function distinct(values: string[]): string[] {
  return values.length === 1 ? values : [...new Set(values)];
}
