import type { InvoiceDocumentKind } from '../types.js';

/** Every text a document prints that does not come from its input. */
export interface Labels {
  title: Record<InvoiceDocumentKind, string>;
  number: string;
  issueDate: string;
  serviceDate: string;
  dueDate: string;
  seller: string;
  buyer: string;
  vatId: string;
  registration: string;
  reference: Record<'proforma' | 'original', string>;
  columns: { pos: string; description: string; quantity: string; unit: string; unitPrice: string; discount: string; taxRate: string; net: string };
  taxBreakdown: { title: string; rate: string; net: string; tax: string; gross: string };
  totals: { net: string; tax: string; gross: string; creditGross: string };
  payment: { title: string; prepayment: string; remaining: string; due: string; bank: string; iban: string; bic: string; qr: string; nothingDue: string };
  page: (n: number, count: number) => string;
  reminder: {
    title: (level: number) => string;
    date: string;
    header: (level: number, payBy: string | undefined) => string;
    footer: (level: number) => string;
    columns: { number: string; issueDate: string; dueDate: string; part: string; amount: string; paid: string; open: string; daysOverdue: string };
    parts: Record<'prepayment' | 'remaining', string>;
    totalOpen: string;
  };
  contract: { date: string; number: string; between: string; and: string; signatureSeller: string; signatureBuyer: string };
}
