// The lookups matching needs, built once per import so each statement line costs a few
// map reads: items by number key, customers by payer IBAN and name, items per customer.
// Items are referred to by position in `items`, so the index holds no per-item objects.
import { byDueDate, type OpenItem } from '../open-item.js';
import { normaliseName } from '../text.js';
import { compileFormats, numberKey, type NumberFormats } from './numbers.js';

export interface MatchIndex {
  items: readonly OpenItem[];
  /** Still open per item; lowered as statement lines are allocated. */
  open: number[];
  /** Series per item as parsed from its number (undefined: the number fits no format). */
  series: (string | undefined)[];
  formats: NumberFormats;
  /** "2026|1" → positions of items of every series with that year and sequence. */
  byNumber: Map<string, number[]>;
  customersByIban: Map<string, Set<string>>;
  customersByName: Map<string, Set<string>>;
  /** True when some number fits no format (then exact tokens are looked up too). */
  hasRaw: boolean;
  /** Positions per customer, oldest due date first. */
  byCustomer: Map<string, number[]>;
}

/**
 * @param numberFormats the tenant's number formats, e.g. ['{series}-{year}-{seq:4}', '{series}/{year}/{seq:4}']
 */
export function buildMatchIndex(items: readonly OpenItem[], numberFormats?: readonly string[]): MatchIndex {
  const parseOnly = compileFormats(numberFormats);
  const byNumber = new Map<string, number[]>();
  const series: (string | undefined)[] = new Array(items.length);
  const seriesSeen = new Set<string>();
  const customersByIban = new Map<string, Set<string>>();
  const customersByName = new Map<string, Set<string>>();
  const byCustomer = new Map<string, number[]>();
  const open: number[] = new Array(items.length);
  let hasRaw = false;
  let lastIbans: readonly string[] | undefined;
  let lastNames: readonly string[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    open[i] = item.openMinor;
    const k = numberKey(item.number, parseOnly);
    push(byNumber, k?.key ?? rawKey(item.number), i);
    if (!k) hasRaw = true;
    series[i] = k?.series;
    if (k?.series) seriesSeen.add(k.series);
    push(byCustomer, item.customerId, i);
    // Items of one customer usually share the payer arrays: skip repeats cheaply.
    if (item.payerIbans !== lastIbans) for (const iban of item.payerIbans) addTo(customersByIban, iban, item.customerId);
    if (item.payerNames !== lastNames) for (const name of item.payerNames) addTo(customersByName, normaliseName(name), item.customerId);
    lastIbans = item.payerIbans;
    lastNames = item.payerNames;
  }
  for (const list of byCustomer.values()) list.sort((a, b) => byDueDate(items[a]!, items[b]!));
  return { items, open, series, byNumber, hasRaw, customersByIban, customersByName, byCustomer, formats: compileFormats(numberFormats, seriesSeen) };
}

/** Key of a number that fits no format: only an exact (alphanumeric) mention finds it. */
export function rawKey(number: string): string {
  return `#${number.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
}

function push<K>(m: Map<K, number[]>, k: K, v: number): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function addTo(m: Map<string, Set<string>>, k: string, v: string): void {
  const set = m.get(k);
  if (set) set.add(v);
  else m.set(k, new Set([v]));
}
