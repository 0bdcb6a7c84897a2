// Which open items a statement line names: invoice numbers in its remittance text, its
// RF creditor reference and its end-to-end id; and who the payer is (IBAN, then name).
import type { BankTransaction } from '../statements/transaction.js';
import { normaliseName } from '../text.js';
import type { MatchIndex } from './index.js';
import { rawKey } from './index.js';
import { keyText, scanNumbers } from './numbers.js';

export interface Named {
  /** Positions of the open items of every invoice the line names unambiguously. */
  positions: number[];
  /** Mentions that fit several invoices, with those invoices' numbers. */
  ambiguous: string[];
  /** Mentions that fit no open invoice. */
  unknown: string[];
}

export function payerCustomers(tx: BankTransaction, ix: MatchIndex): { customers: readonly string[]; via: 'iban' | 'name' } | undefined {
  const byIban = tx.payerIban ? ix.customersByIban.get(tx.payerIban) : undefined;
  if (byIban) return { customers: typeof byIban === 'string' ? [byIban] : byIban, via: 'iban' };
  const byName = tx.payerName ? ix.customersByName.get(normaliseName(tx.payerName)) : undefined;
  return byName === undefined ? undefined : { customers: typeof byName === 'string' ? [byName] : byName, via: 'name' };
}

export function namedItems(tx: BankTransaction, ix: MatchIndex): Named {
  let text = tx.reference;
  if (tx.creditorReference) text += ` ${tx.creditorReference.slice(4)}`;
  if (tx.bankIds?.endToEnd) text += ` ${tx.bankIds.endToEnd}`;
  const out: Named = { positions: [], ambiguous: [], unknown: [] };
  const invoices: string[] = [];
  for (const m of scanNumbers(text, ix.formats)) {
    const all = ix.numbers.get(Math.floor(m.key / 1e9), m.key % 1e9);
    let fits = m.series && all.length > 0 ? all.filter((p) => ix.seriesNames[ix.seriesOf[p]!] === m.series) : all;
    if (distinctInvoices(fits, ix) > 1) {
      // A number without its series fits several series: the payer may tell them apart.
      const payer = payerCustomers(tx, ix);
      if (payer) fits = fits.filter((p) => payer.customers.includes(ix.items[p]!.customerId));
    }
    const n = distinctInvoices(fits, ix);
    if (n === 1) addInvoices(fits, ix, invoices, out.positions);
    else {
      const written = `${m.series ? `${m.series} ` : ''}${keyText(m.key)}`;
      if (n === 0) out.unknown.push(written);
      else out.ambiguous.push(`${written} fits ${[...new Set(fits.map((p) => ix.items[p]!.number))].join(', ')}`);
    }
  }
  if (ix.raw.size > 0) {
    for (const token of text.split(/[\s,;]+/)) {
      const list = token.length >= 3 ? ix.raw.get(rawKey(token)) : undefined;
      if (list) addInvoices(list, ix, invoices, out.positions);
    }
  }
  return out;
}

/**
 * Every open part of each invoice in `list` not taken yet, not only the part whose
 * number matched. A plain function, not a closure per line: this runs 100k times an import.
 */
function addInvoices(list: readonly number[], ix: MatchIndex, invoices: string[], positions: number[]): void {
  for (const p of list) {
    const id = ix.items[p]!.invoiceId;
    if (invoices.includes(id)) continue;
    invoices.push(id);
    for (const q of list) if (ix.items[q]!.invoiceId === id) positions.push(q);
  }
}

function distinctInvoices(positions: readonly number[], ix: MatchIndex): number {
  if (positions.length <= 1) return positions.length;
  const first = ix.items[positions[0]!]!.invoiceId;
  if (positions.every((p) => ix.items[p]!.invoiceId === first)) return 1;
  return new Set(positions.map((p) => ix.items[p]!.invoiceId)).size;
}
