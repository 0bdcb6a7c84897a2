// Plain input types of the documents: everything a PDF shows, already computed (totals
// come from src/domain/totals.ts), so rendering is a pure function of its input.

/** Languages of document labels and formats; other BCP 47 tags fall back to `en`. */
export const DOCUMENT_LANGUAGES = ['de', 'pl', 'ro', 'en'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** A calendar date, YYYY-MM-DD. */
export type CalendarDate = string;

export interface Party {
  name: string;
  /** Address lines as printed, e.g. ["Hauptstraße 1", "10115 Berlin", "Deutschland"]. */
  address: string[];
  vatId?: string;
  email?: string;
  /** Trade register or company number, e.g. "HRB 12345" or "J40/1234/2020". */
  registration?: string;
}

export interface BankAccount {
  iban: string;
  /** Optional in the EPC QR code within the EEA; shown when given. */
  bic?: string;
  bankName?: string;
}

export interface Seller extends Party {
  bank?: BankAccount;
  /** PNG bytes, drawn top right at most 140 × 50 pt. */
  logoPng?: Uint8Array;
}

export type InvoiceDocumentKind = 'invoice' | 'proforma' | 'credit_note' | 'storno';

export interface InvoiceDocumentLine {
  description: string;
  /** Thousandths of a unit: 1500 = 1.5. */
  quantityMilli: number;
  unit: string;
  unitPriceMinor: number;
  /** Basis points: 1000 = 10 %. */
  discountBp?: number;
  taxRateBp: number;
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
}

export interface TaxRateLine {
  taxRateBp: number;
  netMinor: number;
  taxMinor: number;
  grossMinor: number;
}

export interface PaymentPart {
  kind: 'prepayment' | 'remaining';
  amountMinor: number;
  dueDate: CalendarDate;
}

export interface DocumentReference {
  /** proforma: the proforma a final invoice settles; original: what a credit note or storno corrects. */
  kind: 'proforma' | 'original';
  number: string;
  date?: CalendarDate;
}

export interface InvoiceDocument {
  kind: InvoiceDocumentKind;
  number: string;
  /** BCP 47 tag; de, pl, ro, en labels (de-AT → de, anything else → en). */
  language: string;
  /** ISO 4217; amounts are integer minor units of it. */
  currency: string;
  issueDate: CalendarDate;
  /** Date of supply, when it differs from the issue date. */
  serviceDate?: CalendarDate;
  seller: Seller;
  buyer: Party;
  lines: InvoiceDocumentLine[];
  taxBreakdown: TaxRateLine[];
  totals: { netMinor: number; taxMinor: number; grossMinor: number };
  /** Prepayment and remaining parts with their due dates; one part when there is no prepayment. */
  parts: PaymentPart[];
  paymentTerms?: string;
  notes?: string;
  references?: DocumentReference[];
  /** EPC QR code (GiroCode) for EUR with a seller IBAN; default true. */
  epcQr?: boolean;
}

export interface OverdueItem {
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  part?: 'prepayment' | 'remaining';
  currency: string;
  amountMinor: number;
  paidMinor: number;
  /** Reminders already sent for this item. */
  reminders?: number;
}

export interface ReminderLetter {
  /** Dunning level 1–3: picks the default header and footer. */
  level: number;
  language: string;
  date: CalendarDate;
  /** Letter reference, e.g. "M-2026-0042". */
  number?: string;
  seller: Seller;
  buyer: Party;
  /** Overdue invoices (down payments included); the statement lists them all. */
  items: OverdueItem[];
  /** Pay by this date; shown in the default text. */
  payBy?: CalendarDate;
  /** Replace the level's default opening and closing text. */
  header?: string;
  footer?: string;
}

export interface ContractDocument {
  title: string;
  language: string;
  date: CalendarDate;
  number?: string;
  seller: Seller;
  buyer: Party;
  /** Paragraphs, placeholders already filled (see renderContractFromTemplate). */
  body: string;
  /** Signature lines for both parties at the end; default true. */
  signatures?: boolean;
}
