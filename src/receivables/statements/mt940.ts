// SWIFT MT940 account statements as German banks export them. Each :61: line is one
// transaction; the :86: after it carries payer and purpose (structured, see mt940-86.ts).
import { isCalendarDate } from '../../domain/dates.js';
import { parseAmount } from './amount.js';
import { withBankRefs, type Unreferenced } from './bank-ref.js';
import { findCreditorReference, isValidIban } from './iban.js';
import { parse86 } from './mt940-86.js';
import type { LineError, ParseResult } from './transaction.js';

interface Tag {
  tag: string;
  value: string;
  line: number;
}

/** Tags with their continuation lines; SWIFT block wrappers ({1:…}{4:, -}) are skipped. */
function readTags(text: string): Tag[] {
  const tags: Tag[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^:(\d\d[A-Z]?):(.*)$/.exec(raw);
    if (m) tags.push({ tag: m[1]!, value: m[2]!, line: i + 1 });
    else if (/^(\{|-\}?\s*$|\s*$)/.test(raw)) return;
    else if (tags.length > 0) {
      const last = tags[tags.length - 1]!;
      // Structured :86: is cut into 65-character lines anywhere, even inside a word.
      last.value += last.tag === '86' && /^\d{3}\?/.test(last.value) ? raw : `\n${raw}`;
    }
  });
  return tags;
}

const LINE61 = /^(\d{6})(\d{4})?(R?[CD])([A-Z])?(\d[\d,]*)([NSF][A-Z0-9]{3})([^/\n]{0,16})(?:\/\/([^\n]{0,16}))?(?:\n(.*))?$/s;

export function parseMt940(input: Uint8Array | string, encoding: 'utf-8' | 'windows-1252' = 'utf-8'): ParseResult {
  const text = typeof input === 'string' ? input : new TextDecoder(encoding).decode(input);
  const tags = readTags(text);
  const errors: LineError[] = [];
  const out: Unreferenced[] = [];
  let currency: string | undefined;
  let account = '';
  for (let k = 0; k < tags.length; k++) {
    const t = tags[k]!;
    if (t.tag === '25') account = t.value.trim();
    else if (t.tag === '60F' || t.tag === '60M') currency = /^[CD]\d{6}([A-Z]{3})/.exec(t.value)?.[1];
    else if (t.tag === '61') {
      const next = tags[k + 1]?.tag === '86' ? tags[k + 1] : undefined;
      try {
        if (!currency) throw new Error('a :61: transaction before any :60F: opening balance, so its currency is unknown');
        out.push(read61(t, next, currency));
      } catch (e) {
        errors.push({ line: t.line, message: (e as Error).message });
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  if (out.length === 0 && !tags.some((t) => t.tag === '20')) return { ok: false, errors: [{ line: 1, message: 'not an MT940 statement (no :20: field)' }] };
  return { ok: true, transactions: withBankRefs(out, account) };
}

function read61(t: Tag, f86: Tag | undefined, currency: string): Unreferenced {
  const m = LINE61.exec(t.value);
  if (!m) throw new Error(`":61:${t.value.split('\n')[0]}" is not a statement line (YYMMDD[MMDD]C|D amount Nxxx reference)`);
  const valueDate = yymmdd(m[1]!);
  let bookingDate = valueDate;
  if (m[2]) {
    // The booking date has no year: take the value date's, across a year end if needed.
    let year = Number(valueDate.slice(0, 4));
    const month = Number(m[2].slice(0, 2));
    const valueMonth = Number(valueDate.slice(5, 7));
    if (month === 12 && valueMonth === 1) year--;
    if (month === 1 && valueMonth === 12) year++;
    bookingDate = checkDate(`${year}-${m[2].slice(0, 2)}-${m[2].slice(2)}`, m[2]);
  }
  const mark = m[3]!;
  const amount = parseAmount(m[5]!, { decimal: ',', thousands: '' }, currency);
  if (amount === 0) throw new Error('the amount is zero');
  const credit = mark === 'C' || mark === 'RD'; // RD: reversal of a debit
  const d = f86 ? parse86(f86.value) : { purpose: '', sepa: {} as Record<string, string> };
  const iban = d.account?.replace(/\s/g, '').toUpperCase();
  const reference = d.sepa.SVWZ ?? d.purpose;
  const creditorReference = findCreditorReference(reference) ?? (d.sepa.EREF && findCreditorReference(d.sepa.EREF));
  const customerRef = m[7]!.trim();
  const endToEnd = d.sepa.EREF && d.sepa.EREF !== 'NOTPROVIDED' ? d.sepa.EREF : undefined;
  return {
    format: 'mt940',
    line: t.line,
    bookingDate,
    valueDate,
    amountMinor: amount,
    currency,
    direction: credit ? 'credit' : 'debit',
    ...(d.name && { payerName: d.name }),
    ...(iban && isValidIban(iban) && { payerIban: iban }),
    reference,
    ...(creditorReference && { creditorReference }),
    bankIds: {
      ...(m[8]?.trim() && { accountServicer: m[8].trim() }),
      ...(endToEnd ? { endToEnd } : customerRef && customerRef !== 'NONREF' && { endToEnd: customerRef }),
      ...(d.sepa.MREF && { mandate: d.sepa.MREF }),
    },
  };
}

function yymmdd(s: string): string {
  return checkDate(`20${s.slice(0, 2)}-${s.slice(2, 4)}-${s.slice(4, 6)}`, s);
}

function checkDate(date: string, raw: string): string {
  if (!isCalendarDate(date)) throw new Error(`"${raw}" is not a real date`);
  return date;
}
