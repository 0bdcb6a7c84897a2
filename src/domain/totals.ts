// Invoice totals, computed in one place. Each line is rounded to the minor unit on its
// own (net, then tax on that net); the breakdown per tax rate and the invoice totals are
// sums of rounded lines, so they reconcile to the cent by construction.
import { divRound, toMinor } from './money.js';

export interface LineInput {
  /** Thousandths of a unit (see quantity.ts); negative on credit notes. */
  quantityMilli: number;
  unitPriceMinor: number;
  /** Discount in basis points of the line amount: 1000 = 10 %. */
  discountBp?: number;
  /** Tax rate in basis points: 1900 = 19 %. */
  taxRateBp: number;
}

export interface LineTotals {
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
}

export interface TaxRateTotals extends LineTotals {
  taxRateBp: number;
}

export interface InvoiceTotals extends LineTotals {
  lines: LineTotals[];
  /** One entry per tax rate, highest rate first. */
  taxBreakdown: TaxRateTotals[];
}

const BP = 10_000n;

/**
 * @example lineTotals({ quantityMilli: 1500, unitPriceMinor: 1999, taxRateBp: 1900 })
 * // { netMinor: 2999, taxMinor: 570, grossMinor: 3569 }
 */
export function lineTotals(line: LineInput): LineTotals {
  const discount = BigInt(line.discountBp ?? 0);
  if (discount < 0n || discount > BP) throw new Error(`discountBp ${line.discountBp} is outside 0–10000`);
  if (!Number.isSafeInteger(line.taxRateBp) || line.taxRateBp < 0) throw new Error(`taxRateBp ${line.taxRateBp} must be a non-negative integer`);
  const gross = BigInt(line.quantityMilli) * BigInt(line.unitPriceMinor) * (BP - discount);
  const net = divRound(gross, 1000n * BP);
  const tax = divRound(net * BigInt(line.taxRateBp), BP);
  return { netMinor: toMinor(net, 'line net'), taxMinor: toMinor(tax, 'line tax'), grossMinor: toMinor(net + tax, 'line gross') };
}

export function invoiceTotals(lines: readonly LineInput[]): InvoiceTotals {
  const computed = lines.map(lineTotals);
  const byRate = new Map<number, TaxRateTotals>();
  computed.forEach((t, i) => {
    const rate = lines[i]!.taxRateBp;
    const sum = byRate.get(rate) ?? { taxRateBp: rate, netMinor: 0, taxMinor: 0, grossMinor: 0 };
    byRate.set(rate, { taxRateBp: rate, netMinor: sum.netMinor + t.netMinor, taxMinor: sum.taxMinor + t.taxMinor, grossMinor: sum.grossMinor + t.grossMinor });
  });
  const taxBreakdown = [...byRate.values()].sort((a, b) => b.taxRateBp - a.taxRateBp);
  const sum = (k: keyof LineTotals) => taxBreakdown.reduce((s, r) => s + r[k], 0);
  return { lines: computed, taxBreakdown, netMinor: sum('netMinor'), taxMinor: sum('taxMinor'), grossMinor: sum('grossMinor') };
}

/** The same lines with every amount negated: a storno or full credit note of an invoice. */
export function negateLines<T extends LineInput>(lines: readonly T[]): T[] {
  return lines.map((l) => ({ ...l, quantityMilli: -l.quantityMilli }));
}
