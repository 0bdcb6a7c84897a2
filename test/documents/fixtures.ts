import { invoiceTotals, type LineInput } from '../../src/domain/totals.js';
import type { InvoiceDocument, Seller, Party, InvoiceDocumentLine } from '../../src/documents/types.js';

export const SELLER: Seller = {
  name: 'Școala de Muzică Ăâîșț SRL',
  address: ['Strada Mărășești 12', '300086 Timișoara', 'România'],
  vatId: 'RO12345678',
  registration: 'J35/1234/2020',
  email: 'facturi@scoala.example',
  bank: { iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', bankName: 'Commerzbank' },
};

export const BUYER: Party = {
  name: 'Müller & Söhne GmbH',
  address: ['Große Straße 5', '10115 Berlin', 'Deutschland'],
  vatId: 'DE123456789',
};

type Draft = Omit<InvoiceDocumentLine, 'netMinor' | 'taxMinor' | 'grossMinor'>;

/** Lines with totals computed as the invoicing core does. */
export function withTotals(drafts: Draft[]): Pick<InvoiceDocument, 'lines' | 'taxBreakdown' | 'totals'> {
  const totals = invoiceTotals(drafts as LineInput[]);
  return {
    lines: drafts.map((d, i) => ({ ...d, ...totals.lines[i]! })),
    taxBreakdown: totals.taxBreakdown,
    totals: { netMinor: totals.netMinor, taxMinor: totals.taxMinor, grossMinor: totals.grossMinor },
  };
}

export function sampleInvoice(over: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const priced = withTotals([
    { description: 'Kurs Größenänderung – Zażółć gęślą jaźń', quantityMilli: 1500, unit: 'h', unitPriceMinor: 123456, taxRateBp: 1900 },
    { description: 'Lehrbuch „Pădure și țară“', quantityMilli: 2000, unit: 'Stk', unitPriceMinor: 1999, discountBp: 1000, taxRateBp: 700 },
  ]);
  return {
    kind: 'invoice',
    number: 'INV-2026-0001',
    language: 'de',
    currency: 'EUR',
    issueDate: '2026-03-14',
    seller: SELLER,
    buyer: BUYER,
    ...priced,
    parts: [{ kind: 'remaining', amountMinor: priced.totals.grossMinor, dueDate: '2026-03-28' }],
    paymentTerms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.',
    ...over,
  };
}
