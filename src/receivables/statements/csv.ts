// CSV statements through a mapping template. Every bad line is reported with its line
// number and reason; one bad line fails the whole file, so an import is all or nothing.
import { parseAmount } from './amount.js';
import { withBankRefs, type Unreferenced } from './bank-ref.js';
import { splitCsv, type CsvRecord } from './csv-records.js';
import type { CsvTemplate } from './csv-template.js';
import { parseDate } from './date-format.js';
import { findCreditorReference, isValidIban, normaliseIban } from './iban.js';
import type { LineError, ParseResult } from './transaction.js';

type Column = string | number;

/** Bytes (or already decoded text) of a CSV export → transactions, or every line's error. */
export function parseCsvStatement(input: Uint8Array | string, t: CsvTemplate): ParseResult {
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder(t.encoding, { fatal: t.encoding === 'utf-8' }).decode(input);
  } catch {
    return { ok: false, errors: [{ line: 1, message: 'the file is not valid UTF-8; if the bank exports Windows-1252, set encoding: windows-1252 in the template' }] };
  }
  const split = splitCsv(text, t.delimiter);
  if (split.error) return { ok: false, errors: [split.error] };
  const records = split.records.filter((r, i) => i >= t.skipLines && r.fields.some((f) => f.trim() !== ''));
  const header = t.header ? records.shift() : undefined;
  if (t.header && !header) return { ok: false, errors: [{ line: 1, message: 'the file has no header row' }] };

  const errors: LineError[] = [];
  const indexOf = (c: Column): number => {
    if (typeof c === 'number') return c - 1;
    const i = header!.fields.findIndex((h) => h.trim().toLowerCase() === c.toLowerCase());
    if (i < 0) errors.push({ line: header!.line, message: `the header has no column "${c}" (it has: ${header!.fields.map((h) => h.trim()).join(', ')})` });
    return i;
  };
  const cols = t.columns;
  const at = {
    bookingDate: indexOf(cols.bookingDate),
    valueDate: cols.valueDate === undefined ? undefined : indexOf(cols.valueDate),
    amount: cols.amount === undefined ? undefined : indexOf(cols.amount),
    debit: cols.debit === undefined ? undefined : indexOf(cols.debit),
    credit: cols.credit === undefined ? undefined : indexOf(cols.credit),
    currency: cols.currency === undefined ? undefined : indexOf(cols.currency),
    payerName: cols.payerName === undefined ? undefined : indexOf(cols.payerName),
    payerIban: cols.payerIban === undefined ? undefined : indexOf(cols.payerIban),
    reference: [cols.reference].flat().map(indexOf),
    bankRef: cols.bankRef === undefined ? undefined : indexOf(cols.bankRef),
  };
  if (errors.length > 0) return { ok: false, errors };

  const lines: Unreferenced[] = [];
  for (const r of records) {
    try {
      lines.push(readRecord(r, at, t));
    } catch (e) {
      errors.push({ line: r.line, message: (e as Error).message });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, transactions: withBankRefs(lines) };
}

interface Positions {
  bookingDate: number; valueDate?: number; amount?: number; debit?: number; credit?: number;
  currency?: number; payerName?: number; payerIban?: number; reference: number[]; bankRef?: number;
}

function readRecord(r: CsvRecord, at: Positions, t: CsvTemplate): Unreferenced {
  const cell = (i: number | undefined, what: string, required = false): string => {
    if (i === undefined) return '';
    const v = r.fields[i];
    if (v === undefined) throw new Error(`the line has ${r.fields.length} fields, so no ${what} in field ${i + 1}`);
    if (required && v.trim() === '') throw new Error(`the ${what} is empty`);
    return v.trim();
  };
  const currency = (cell(at.currency, 'currency') || t.currency || '').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`"${currency}" is not a currency code`);
  const style = { decimal: t.decimal, thousands: t.thousands };
  let amount: number;
  if (at.amount !== undefined) amount = parseAmount(cell(at.amount, 'amount', true), style, currency);
  else {
    const debit = cell(at.debit, 'debit');
    const credit = cell(at.credit, 'credit');
    if ((debit === '') === (credit === '')) throw new Error('exactly one of debit and credit must hold an amount');
    amount = credit ? Math.abs(parseAmount(credit, style, currency)) : -Math.abs(parseAmount(debit, style, currency));
  }
  if (amount === 0) throw new Error('the amount is zero');
  const bookingDate = parseDate(cell(at.bookingDate, 'booking date', true), t.dateFormat);
  const value = cell(at.valueDate, 'value date');
  const iban = normaliseIban(cell(at.payerIban, 'IBAN'));
  if (iban && !isValidIban(iban)) throw new Error(`"${iban}" is not a valid IBAN (check digits)`);
  const payerName = cell(at.payerName, 'payer name');
  const bankRef = cell(at.bankRef, 'bank reference');
  const reference = at.reference.map((i) => cell(i, 'reference')).filter(Boolean).join(' ');
  const creditorReference = findCreditorReference(reference);
  return {
    format: 'csv',
    line: r.line,
    bookingDate,
    valueDate: value ? parseDate(value, t.dateFormat) : bookingDate,
    amountMinor: Math.abs(amount),
    currency,
    direction: amount > 0 ? 'credit' : 'debit',
    ...(payerName && { payerName }),
    ...(iban && { payerIban: iban }),
    reference,
    ...(creditorReference && { creditorReference }),
    ...(bankRef && { bankIds: { accountServicer: bankRef } }),
  };
}
