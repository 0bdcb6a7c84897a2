import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMt940 } from '../../src/receivables/statements/mt940.js';
import { parse86 } from '../../src/receivables/statements/mt940-86.js';

const text = readFileSync(new URL('./fixtures/statement.sta', import.meta.url), 'utf8');

describe('MT940', () => {
  const r = parseMt940(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));

  it('reads each :61: line with its :86: details', () => {
    expect(r.transactions.map((t) => [t.line, t.bookingDate, t.valueDate, t.direction, t.amountMinor, t.currency, t.payerName ?? null])).toEqual([
      [6, '2026-03-02', '2026-03-02', 'credit', 178500, 'EUR', 'Jürgen Müller GmbH'],
      [9, '2026-03-03', '2026-03-03', 'credit', 23800, 'EUR', 'Małgorzata Wiśniewska'],
      [11, '2026-03-04', '2026-03-04', 'debit', 8950, 'EUR', 'Stadtwerke Köln'],
      [13, '2025-12-31', '2025-12-31', 'credit', 5000, 'EUR', null],
    ]);
  });

  it('takes SVWZ as the reference, EREF/MREF as bank ids, ?31 as IBAN, and finds RF references', () => {
    const [mueller, wisniewska, stadtwerke, interest] = r.transactions;
    expect(mueller).toMatchObject({
      reference: 'Rechnung INV-2026-0001 und INV-2026-0002 Danke',
      payerIban: 'DE02120300000000202051',
      bankIds: { accountServicer: '0930201234', endToEnd: 'INV-2026-0001' },
    });
    expect(wisniewska).toMatchObject({ creditorReference: 'RF18539007547034', bankIds: { endToEnd: 'KD-4711' } });
    expect(stadtwerke).toMatchObject({ reference: 'Abschlag März', bankIds: { mandate: 'M-7781', endToEnd: 'ABSCHLAG-03' } });
    expect(interest!.reference).toBe('Zinsgutschrift 2025');
  });

  it('decodes Windows-1252 bytes', () => {
    const bytes = Buffer.from(text.replace(/[^\x00-\xff]/g, '?'), 'latin1');
    const w = parseMt940(bytes, 'windows-1252');
    expect(w.ok && w.transactions[0]!.payerName).toBe('Jürgen Müller GmbH');
  });

  it('reports bad lines and imports nothing', () => {
    const bad = text.replace(':61:2603030303C238,00', ':61:2602310303C238,00').replace(':61:2603040304D89,50', ':61:260304X89,50');
    expect(parseMt940(bad)).toEqual({
      ok: false,
      errors: [
        { line: 9, message: '"260231" is not a real date' },
        { line: 11, message: '":61:260304X89,50NDDTNONREF//0930201236" is not a statement line (YYMMDD[MMDD]C|D amount Nxxx reference)' },
      ],
    });
    expect(parseMt940(':20:X\n:61:2603020302C1,00NTRFNONREF\n')).toEqual({
      ok: false, errors: [{ line: 2, message: 'a :61: transaction before any :60F: opening balance, so its currency is unknown' }],
    });
    expect(parseMt940('hello')).toEqual({ ok: false, errors: [{ line: 1, message: 'not an MT940 statement (no :20: field)' }] });
  });
});

describe(':86: subfields', () => {
  it.each([
    ['166?00SEPA-GUTSCHRIFT?20SVWZ+RE 2026-0003?32Ioana Popescu', { code: '166', postingText: 'SEPA-GUTSCHRIFT', purpose: 'SVWZ+RE 2026-0003', name: 'Ioana Popescu', sepa: { SVWZ: 'RE 2026-0003' } }],
    ['051?00UEBERWEISUNG?20Rg. 2026/0007 u.?21 2026/0008?30BYLADEMM?31DE44500105175407324931?32Bäckerei Größer?33 e.K.', {
      code: '051', postingText: 'UEBERWEISUNG', purpose: 'Rg. 2026/0007 u. 2026/0008', bic: 'BYLADEMM', account: 'DE44500105175407324931', name: 'Bäckerei Größer e.K.', sepa: {},
    }],
    ['Gutschrift ohne Struktur', { purpose: 'Gutschrift ohne Struktur', sepa: {} }],
  ])('%s', (raw, expected) => expect(parse86(raw)).toEqual(expected));
});
