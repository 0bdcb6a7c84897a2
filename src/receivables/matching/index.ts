// The lookups matching needs, built once per import so each statement line costs a few
// array reads: items by number key, customers by payer IBAN and name, items per
// customer. Built from typed arrays, not per-item objects, so a million open items
// index in well under a second and stay out of the garbage collector's way.
import type { OpenItem } from '../open-item.js';
import { normaliseName } from '../text.js';
import { NumberTable } from './number-table.js';
import { compileFormats, numberKey, type NumberFormats } from './numbers.js';

export interface MatchIndex {
  items: readonly OpenItem[];
  /** Still open per item, in minor units (exact integers); lowered as lines are allocated. */
  open: Float64Array;
  formats: NumberFormats;
  numbers: NumberTable;
  /** Series per item as an index into `seriesNames` (whose entry 0 is '', no series). */
  seriesOf: Uint16Array;
  seriesNames: string[];
  /** Numbers that fit no format, by their alphanumerics: only an exact mention finds them. */
  raw: Map<string, number[]>;
  /** Payer IBAN / normalised name → the customer, or customers when several share it. */
  customersByIban: Map<string, string | string[]>;
  customersByName: Map<string, string | string[]>;
  customerIndex: Map<string, number>;
  /** Items of customer c are customerItems[customerStart[c] … customerStart[c + 1]). */
  customerStart: Int32Array;
  customerItems: Int32Array;
}

/** @param numberFormats the tenant's formats, e.g. ['{series}-{year}-{seq:4}', '{series}/{year}/{seq:4}'] */
export function buildMatchIndex(items: readonly OpenItem[], numberFormats?: readonly string[]): MatchIndex {
  const n = items.length;
  const formats0 = compileFormats(numberFormats);
  const years = new Int32Array(n);
  const seqs = new Int32Array(n).fill(-1);
  const seriesOf = new Uint16Array(n);
  const seriesNames = [''];
  const raw = new Map<string, number[]>();
  const open = new Float64Array(n);
  const customerIndex = new Map<string, number>();
  const customerOf = new Int32Array(n);
  const customersByIban = new Map<string, string | string[]>();
  const customersByName = new Map<string, string | string[]>();
  const split = { series: '', year: 0, seq: 0 };
  let lastCustomer: string | undefined;
  let lastC = -1;
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    open[i] = item.openMinor;
    let ok = formats0.simple && splitSimple(item.number, split, seriesNames);
    if (!ok) {
      const k = numberKey(item.number, formats0);
      if (k) Object.assign(split, { series: k.series ?? '', year: Math.floor(k.key / 1e9), seq: k.key % 1e9 });
      ok = k !== undefined;
    }
    if (ok) {
      years[i] = split.year;
      seqs[i] = split.seq;
      let s = seriesNames.indexOf(split.series);
      if (s < 0) s = seriesNames.push(split.series) - 1;
      seriesOf[i] = s;
    } else push(raw, rawKey(item.number), i);
    // Open items usually come grouped by customer: skip the map lookup for a run of them.
    let c = item.customerId === lastCustomer ? lastC : customerIndex.get(item.customerId);
    lastCustomer = item.customerId;
    if (c === undefined) {
      customerIndex.set(item.customerId, (c = customerIndex.size));
      for (const iban of item.payerIbans) addTo(customersByIban, iban, item.customerId);
      for (const name of item.payerNames) addTo(customersByName, normaliseName(name), item.customerId);
    }
    customerOf[i] = lastC = c;
  }
  // Items grouped per customer (counting sort); allocation orders them by due date itself.
  const customerStart = new Int32Array(customerIndex.size + 1);
  for (let i = 0; i < n; i++) customerStart[customerOf[i]! + 1]!++;
  for (let c = 0; c < customerIndex.size; c++) customerStart[c + 1]! += customerStart[c]!;
  const fill = customerStart.slice(0, -1);
  const customerItems = new Int32Array(n);
  for (let i = 0; i < n; i++) customerItems[fill[customerOf[i]!]!++] = i;
  return {
    items, open, numbers: new NumberTable(years, seqs), seriesOf, seriesNames, raw,
    customersByIban, customersByName, customerIndex, customerStart, customerItems,
    formats: compileFormats(numberFormats, seriesNames.slice(1)),
  };
}

/** "INV-2026-000123" → series INV, year 2026, sequence 123 by a character scan; false if it does not fit. */
function splitSimple(number: string, out: { series: string; year: number; seq: number }, known: string[]): boolean {
  let i = 0;
  while (i < number.length && isLetter(number.charCodeAt(i))) i++;
  if (i === 0 || i > 10) return false;
  let series: string | undefined;
  for (const s of known) if (s.length === i && number.startsWith(s)) series = s;
  // Two digit groups, separated by anything but letters: year (4 digits) and sequence.
  let groups = 0;
  let year = 0;
  let seq = 0;
  let digits = 0;
  let value = 0;
  for (; i <= number.length; i++) {
    const code = i < number.length ? number.charCodeAt(i) : 32;
    if (code >= 48 && code <= 57) {
      value = value * 10 + code - 48;
      digits++;
    } else if (isLetter(code)) return false;
    else if (digits > 0) {
      if (digits > 9 || ++groups > 2) return false;
      if (groups === 1) year = value;
      else seq = value;
      digits = 0;
      value = 0;
    }
  }
  if (groups !== 2 || year < 1000 || year > 9999) return false;
  out.series = series ?? number.slice(0, number.search(/[^A-Za-z]/)).toUpperCase();
  out.year = year;
  out.seq = seq;
  return true;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Key of a number that fits no format. */
export function rawKey(number: string): string {
  return number.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Positions of the items of one customer. */
export function customerItems(ix: MatchIndex, customerId: string): Int32Array {
  const c = ix.customerIndex.get(customerId);
  return c === undefined ? new Int32Array(0) : ix.customerItems.subarray(ix.customerStart[c], ix.customerStart[c + 1]);
}

function push(m: Map<string, number[]>, k: string, v: number): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function addTo(m: Map<string, string | string[]>, k: string, v: string): void {
  const had = m.get(k);
  if (had === undefined) m.set(k, v);
  else if (typeof had === 'string') { if (had !== v) m.set(k, [had, v]); }
  else if (!had.includes(v)) had.push(v);
}
