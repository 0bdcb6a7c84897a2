// Turns requested lines into stored lines and totals (src/domain/totals.ts does the math).
import { parseQuantity } from '../domain/quantity.js';
import { invoiceTotals, type InvoiceTotals } from '../domain/totals.js';
import type { DbTransaction } from '../platform/db.js';
import { InvoicingError } from './context.js';

export interface LineDraft {
  /** Price, tax rate, unit and description default to the product's. */
  productId?: string;
  description?: string;
  /** Decimal string ("1.5") or an integer; at most 3 decimals. */
  quantity: string | number;
  unit?: string;
  unitPriceMinor?: number;
  /** Basis points: 1000 = 10 % off. */
  discountBp?: number;
  /** Basis points: 1900 = 19 %. */
  taxRateBp?: number;
}

export interface StoredLine {
  position: number;
  productId: string | null;
  description: string;
  unit: string;
  quantityMilli: number;
  unitPriceMinor: number;
  discountBp: number;
  taxRateBp: number;
}

export async function resolveLines(tx: DbTransaction, tenantId: string, drafts: readonly LineDraft[]): Promise<StoredLine[]> {
  if (drafts.length === 0) throw new InvoicingError('invalid_input', 'lines: an invoice needs at least one line');
  return Promise.all(
    drafts.map(async (d, i) => {
      const product = d.productId ? await tx.product.findFirst({ where: { id: d.productId, tenantId } }) : null;
      if (d.productId && !product) throw new InvoicingError('invalid_input', `lines.${i}.productId: no product ${d.productId}`);
      const description = d.description ?? product?.name;
      const unitPriceMinor = d.unitPriceMinor ?? (product ? Number(product.unitPriceMinor) : undefined);
      const taxRateBp = d.taxRateBp ?? product?.taxRateBp;
      if (description === undefined || unitPriceMinor === undefined || taxRateBp === undefined) {
        throw new InvoicingError('invalid_input', `lines.${i}: description, unitPriceMinor and taxRateBp are needed unless a productId supplies them`);
      }
      let quantityMilli: number;
      try {
        quantityMilli = parseQuantity(d.quantity);
      } catch (e) {
        throw new InvoicingError('invalid_input', `lines.${i}.quantity: ${(e as Error).message}`);
      }
      return { position: i + 1, productId: product?.id ?? null, description, unit: d.unit ?? product?.unit ?? 'pcs', quantityMilli, unitPriceMinor, discountBp: d.discountBp ?? 0, taxRateBp };
    }),
  );
}

/** Totals plus the createMany rows for InvoiceLine (without invoiceId). */
export function lineRows(lines: readonly StoredLine[]): { totals: InvoiceTotals; rows: (StoredLine & { netMinor: number; taxMinor: number; grossMinor: number })[] } {
  let totals: InvoiceTotals;
  try {
    totals = invoiceTotals(lines);
  } catch (e) {
    throw new InvoicingError('invalid_input', `lines: ${(e as Error).message}`);
  }
  return { totals, rows: lines.map((l, i) => ({ ...l, ...totals.lines[i]! })) };
}
