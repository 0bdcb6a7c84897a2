// ISO 20022 camt.053 (statement) and camt.054 (debit/credit notification). One entry
// (Ntry) may carry several transactions (NtryDtls/TxDtls), e.g. a batch of SEPA credits;
// each becomes one BankTransaction. Only booked entries count: pending ones may vanish.
import { parseAmount } from './amount.js';
import { withBankRefs, type Unreferenced } from './bank-ref.js';
import { isValidCreditorReference, isValidIban } from './iban.js';
import type { LineError, ParseResult, StatementFormat } from './transaction.js';
import { child, children, parseXml, textOf, XmlError, type XmlElement } from './xml.js';

const DOT = { decimal: '.', thousands: '' } as const;

export function parseCamt(text: string): ParseResult {
  let doc: XmlElement;
  try {
    doc = parseXml(text);
  } catch (e) {
    return { ok: false, errors: [{ line: e instanceof XmlError ? e.line : 1, message: (e as Error).message }] };
  }
  const body = doc.children[0];
  const kind: Record<string, [StatementFormat, string]> = { BkToCstmrStmt: ['camt.053', 'Stmt'], BkToCstmrDbtCdtNtfctn: ['camt.054', 'Ntfctn'] };
  const found = body && kind[body.name];
  if (doc.name !== 'Document' || !found) {
    return { ok: false, errors: [{ line: doc.line, message: 'not a camt.053 or camt.054 document (expected Document/BkToCstmrStmt or Document/BkToCstmrDbtCdtNtfctn)' }] };
  }
  const [format, statementTag] = found;
  const errors: LineError[] = [];
  const out: Unreferenced[] = [];
  let account = '';
  for (const stmt of children(body, statementTag)) {
    account = textOf(child(stmt, 'Acct', 'Id', 'IBAN')) ?? textOf(child(stmt, 'Acct', 'Id', 'Othr', 'Id')) ?? account;
    for (const ntry of children(stmt, 'Ntry')) {
      try {
        out.push(...readEntry(ntry, format));
      } catch (e) {
        errors.push({ line: ntry.line, message: (e as Error).message });
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, transactions: withBankRefs(out, account) };
}

function readAmount(el: XmlElement | undefined, what: string): { minor: number; currency: string } | undefined {
  if (!el) return undefined;
  const currency = el.attrs.Ccy;
  if (!currency || !/^[A-Z]{3}$/.test(currency)) throw new Error(`${what} has no currency (Ccy attribute)`);
  return { minor: parseAmount(el.text, DOT, currency), currency };
}

function readDate(el: XmlElement | undefined): string | undefined {
  const d = textOf(child(el, 'Dt')) ?? textOf(child(el, 'DtTm'));
  return d?.slice(0, 10);
}

function readEntry(ntry: XmlElement, format: StatementFormat): Unreferenced[] {
  const status = textOf(child(ntry, 'Sts', 'Cd')) ?? textOf(child(ntry, 'Sts'));
  if (status && status !== 'BOOK') return [];
  const total = readAmount(child(ntry, 'Amt'), 'the entry amount');
  if (!total) throw new Error('the entry has no Amt');
  const indicator = textOf(child(ntry, 'CdtDbtInd'));
  if (indicator !== 'CRDT' && indicator !== 'DBIT') throw new Error(`CdtDbtInd must be CRDT or DBIT, not "${indicator ?? ''}"`);
  const reversal = textOf(child(ntry, 'RvslInd')) === 'true';
  const credit = (indicator === 'CRDT') !== reversal;
  const bookingDate = readDate(child(ntry, 'BookgDt'));
  if (!bookingDate) throw new Error('the entry has no booking date (BookgDt)');
  const valueDate = readDate(child(ntry, 'ValDt')) ?? bookingDate;
  const entryRef = textOf(child(ntry, 'AcctSvcrRef'));

  const txs = children(ntry, 'NtryDtls').flatMap((d) => children(d, 'TxDtls'));
  const amounts = txs.map((tx, i) => readAmount(child(tx, 'Amt') ?? child(tx, 'AmtDtls', 'TxAmt', 'Amt'), `transaction ${i + 1}`));
  if (txs.length > 1) {
    if (amounts.some((a) => !a)) throw new Error(`the entry holds ${txs.length} transactions but not every one has an amount`);
    const sum = amounts.reduce((s, a) => s + a!.minor, 0);
    if (amounts.some((a) => a!.currency !== total.currency) || sum !== total.minor) {
      throw new Error(`the ${txs.length} transactions add up to ${sum}, the entry says ${total.minor} ${total.currency}`);
    }
  }
  const details = txs.length > 0 ? txs : [undefined];
  return details.map((tx, i) => {
    const amount = amounts[i] ?? total;
    const party = credit ? 'Dbtr' : 'Cdtr';
    const related = child(tx, 'RltdPties');
    const payerName = textOf(child(related, party, 'Nm')) ?? textOf(child(related, party, 'Pty', 'Nm'));
    const payerIban = textOf(child(related, `${party}Acct`, 'Id', 'IBAN'))?.replace(/\s/g, '').toUpperCase();
    if (payerIban && !isValidIban(payerIban)) throw new Error(`"${payerIban}" is not a valid IBAN (check digits)`);
    const rmt = child(tx, 'RmtInf');
    const reference = children(rmt, 'Ustrd').map((u) => u.text.trim()).filter(Boolean).join(' ');
    const refs = children(rmt, 'Strd').map((s) => textOf(child(s, 'CdtrRefInf', 'Ref'))).filter((r): r is string => !!r);
    // An RF reference with wrong check digits is kept as plain text, never trusted as structured.
    const rf = refs.map((r) => r.replace(/\s/g, '').toUpperCase()).find((r) => r.startsWith('RF') && isValidCreditorReference(r));
    const endToEnd = textOf(child(tx, 'Refs', 'EndToEndId'));
    const mandate = textOf(child(tx, 'Refs', 'MndtId'));
    const accountServicer = textOf(child(tx, 'Refs', 'AcctSvcrRef')) ?? entryRef;
    return {
      format,
      line: tx?.line ?? ntry.line,
      bookingDate,
      valueDate,
      amountMinor: Math.abs(amount.minor),
      currency: amount.currency,
      direction: credit ? 'credit' : 'debit',
      ...(payerName && { payerName }),
      ...(payerIban && { payerIban }),
      // Structured references that are not RF (e.g. SCOR with a plain invoice number) still name invoices.
      reference: [reference, ...refs.filter((r) => r.replace(/\s/g, '').toUpperCase() !== rf)].filter(Boolean).join(' '),
      ...(rf && { creditorReference: rf }),
      bankIds: {
        ...(accountServicer && { accountServicer }),
        ...(endToEnd && endToEnd !== 'NOTPROVIDED' && { endToEnd }),
        ...(mandate && { mandate }),
      },
    } satisfies Unreferenced;
  });
}
