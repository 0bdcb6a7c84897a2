import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCamt } from '../../src/receivables/statements/camt.js';
import { creditorReference, isValidCreditorReference } from '../../src/receivables/statements/iban.js';

const read = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('camt.053', () => {
  const r = parseCamt(read('camt053.xml'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const [kowalski, schroeder, telekom, ...rest] = r.transactions;

  it('splits a batch entry into its transactions and skips pending entries', () => {
    expect(rest).toEqual([]);
    expect([kowalski, schroeder, telekom].map((t) => [t!.format, t!.line, t!.direction, t!.amountMinor, t!.currency, t!.bookingDate, t!.valueDate])).toEqual([
      ['camt.053', 17, 'credit', 119000, 'EUR', '2026-03-16', '2026-03-16'],
      ['camt.053', 26, 'credit', 35730, 'EUR', '2026-03-16', '2026-03-16'],
      ['camt.053', 43, 'debit', 4990, 'EUR', '2026-03-16', '2026-03-17'],
    ]);
  });

  it('takes payer name, IBAN, free text and the structured RF reference', () => {
    expect(kowalski).toMatchObject({
      payerName: 'Paweł Kowalski Sp. z o.o.',
      payerIban: 'PL61109010140000071219812874',
      reference: 'Faktura FV/2026/0012 i FV/2026/0013',
      bankIds: { accountServicer: '2026031600001', endToEnd: 'E2E-KOWALSKI-17' },
    });
    expect(kowalski!.creditorReference).toBeUndefined();
    expect(schroeder).toMatchObject({ payerName: 'Günther Schröder & Söhne KG', reference: '', creditorReference: 'RF18539007547034' });
    expect(schroeder!.bankIds).toEqual({ accountServicer: '2026031600001' });
    expect(telekom!.payerName).toBe('Telekom Deutschland GmbH');
  });

  it('gives stable, distinct ids', () => {
    const again = parseCamt(read('camt053.xml'));
    expect(again.ok && again.transactions.map((t) => t.bankRef)).toEqual(r.transactions.map((t) => t.bankRef));
    expect(new Set(r.transactions.map((t) => t.bankRef)).size).toBe(3);
  });
});

describe('camt.054', () => {
  it('reads prefixed elements, DtTm booking dates, TxAmt and CDATA remittance', () => {
    const r = parseCamt(read('camt054.xml'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.transactions).toHaveLength(1);
    expect(r.transactions[0]).toMatchObject({
      format: 'camt.054', bookingDate: '2026-03-18', amountMinor: 238000, currency: 'RON', direction: 'credit',
      payerName: 'Ștefan Țărău SRL', reference: 'Factura INV-2026-0031 & INV-2026-0032',
      bankIds: { accountServicer: 'BT-99120', mandate: 'M-22' },
    });
  });
});

describe('camt errors', () => {
  const wrap = (ntry: string) => `<Document><BkToCstmrStmt><Stmt>\n${ntry}\n</Stmt></BkToCstmrStmt></Document>`;
  const entry = (amt: string, extra = '') => `<Ntry><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-01</Dt></BookgDt>${extra}</Ntry>`;
  it.each([
    ['<Document><Foo/></Document>', 1, 'not a camt.053 or camt.054 document (expected Document/BkToCstmrStmt or Document/BkToCstmrDbtCdtNtfctn)'],
    ['<Document>\n<BkToCstmrStmt>\n</Document>', 3, '</Document> closes <BkToCstmrStmt> from line 2'],
    ['<!DOCTYPE x [<!ENTITY a "b">]><Document/>', 1, 'DOCTYPE and entity declarations are not accepted in bank statements'],
    [wrap(entry('1,50')), 2, '"1,50" is not an amount (decimal point)'],
    [wrap(entry('1.50', '<NtryDtls><TxDtls><Amt Ccy="EUR">1.00</Amt></TxDtls><TxDtls><Amt Ccy="EUR">0.40</Amt></TxDtls></NtryDtls>')), 2, 'the 2 transactions add up to 140, the entry says 150 EUR'],
    [wrap(`${entry('1.00')}\n<Ntry><Amt>2.00</Amt></Ntry>`), 3, 'the entry amount has no currency (Ccy attribute)'],
  ])('%#', (xml, line, message) => {
    expect(parseCamt(xml)).toEqual({ ok: false, errors: [{ line, message }] });
  });

  it('keeps an RF reference with wrong check digits as plain text', () => {
    const r = parseCamt(wrap(entry('1.00', '<NtryDtls><TxDtls><RmtInf><Strd><CdtrRefInf><Ref>RF19 5390 0754 7034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls>')));
    expect(r.ok && r.transactions[0]).toMatchObject({ reference: 'RF19 5390 0754 7034' });
    expect(r.ok && r.transactions[0]!.creditorReference).toBeUndefined();
  });
});

describe('ISO 11649 creditor references', () => {
  it.each([
    ['RF18 5390 0754 7034', true],
    ['RF18539007547034', true],
    ['RF19539007547034', false],
    ['RF712348231', true],
    ['RF00 INV20260001', false],
  ])('%s → %s', (ref, ok) => expect(isValidCreditorReference(ref)).toBe(ok));

  it('builds check digits that validate', () => {
    expect(creditorReference('INV20260001')).toMatch(/^RF\d{2}INV20260001$/);
    expect(isValidCreditorReference(creditorReference('INV20260001'))).toBe(true);
  });
});
