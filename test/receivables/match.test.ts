import { describe, expect, it } from 'vitest';
import { matchPayments } from '../../src/receivables/matching/match.js';
import { summarise } from '../../src/receivables/matching/types.js';
import { item, tx } from './support.js';

const FORMATS = ['{series}-{year}-{seq:4}', '{series}/{year}/{seq:4}'];
const open = () => [
  item('INV-2026-0001', 'mueller', 119000, '2026-02-10'),
  item('INV-2026-0002', 'mueller', 59500, '2026-02-01'),
  item('INV-2026-0003', 'mueller', 23800, '2026-03-01'),
  item('FV/2026/0012', 'kowalski', 100000, '2026-02-20', { currency: 'PLN' }),
  item('FV/2026/0013', 'kowalski', 19000, '2026-02-25', { currency: 'PLN' }),
  item('INV-2026-0031', 'tarau', 30000, '2026-03-01', { part: 'prepayment', amountMinor: 30000, currency: 'RON' }),
  item('INV-2026-0031', 'tarau', 70000, '2026-04-01', { currency: 'RON' }),
  item('PF-2026-0004', 'popescu', 45000, '2026-03-05', { currency: 'RON' }),
  item('INV-2026-0004', 'popescu', 12000, '2026-03-05', { currency: 'RON' }),
  item('INV-2026-0005', 'popescu', 8000, '2026-03-06', { currency: 'RON' }),
  item('INV-2026-0006', 'popescu', 4000, '2026-03-07', { currency: 'RON' }),
  item('INV-2026-0008', 'popescu', 4000, '2026-03-08', { currency: 'RON' }),
  item('PF-2026-0007', 'popescu', 5000, '2026-03-08', { currency: 'RON' }),
  item('INV-2026-0007', 'mueller', 5000, '2026-03-08'),
];

const one = (t: ReturnType<typeof tx>) => matchPayments([t], open(), { numberFormats: FORMATS })[0]!;
const short = (d: ReturnType<typeof one>) =>
  d.kind === 'review' ? `review: ${d.reason}` : 'allocations' in d ? `${d.kind} via ${d.via}: ${d.allocations.map((a) => `${a.number}/${a.part[0]} ${a.amountMinor}→${a.openAfterMinor}`).join(', ')}${d.creditMinor ? `; credit ${d.creditMinor}` : ''}` : d.kind;

describe('matching by invoice number', () => {
  it.each([
    ['one number, exact', tx(119000, 'Rechnung INV-2026-0001'), 'matched via number: INV-2026-0001/r 119000→0'],
    ['two numbers, split oldest due first', tx(178500, 'RE INV 2026 0001 u. inv-2026-0002'), 'split via number: INV-2026-0002/r 59500→0, INV-2026-0001/r 119000→0'],
    ['prefix word instead of the series', tx(23800, 'Rg. 2026-0003'), 'matched via number: INV-2026-0003/r 23800→0'],
    ['no separators', tx(23800, 'Rechnung Nr. INV20260003'), 'matched via number: INV-2026-0003/r 23800→0'],
    ['Polish series with slashes', tx(119000, 'Faktura FV/2026/0012 i FV 2026 0013', { currency: 'PLN' }), 'split via number: FV/2026/0012/r 100000→0, FV/2026/0013/r 19000→0'],
    ['shortfall leaves the newest open', tx(150000, 'INV-2026-0001, INV-2026-0002'), 'partial via number: INV-2026-0002/r 59500→0, INV-2026-0001/r 90500→28500'],
    ['overpayment becomes credit', tx(30000, 'Factura INV-2026-0003'), 'overpaid via number: INV-2026-0003/r 23800→0; credit 6200'],
    ['both parts of an invoice, prepayment first', tx(50000, 'Factura INV-2026-0031', { currency: 'RON' }), 'partial via number: INV-2026-0031/p 30000→0, INV-2026-0031/r 20000→50000'],
    ['RF reference carrying the number', tx(23800, '', { creditorReference: 'RF57INV20260003' }), 'matched via number: INV-2026-0003/r 23800→0'],
    ['end-to-end id carrying the number', tx(23800, 'Danke', { bankIds: { endToEnd: 'INV-2026-0003' } }), 'matched via number: INV-2026-0003/r 23800→0'],
    ['currency mismatch goes to review', tx(119000, 'INV-2026-0001', { currency: 'CHF' }), 'review: currency mismatch: the payment is in CHF, INV-2026-0001 is in EUR'],
    ['invoices of two customers', tx(131000, 'INV-2026-0001 INV-2026-0004'), 'review: the reference names invoices of 2 different customers'],
    ['series-less number fitting two series', tx(45000, 'Rechnung 2026-0004'), 'review: the reference is ambiguous: 2026/4 fits PF-2026-0004, INV-2026-0004'],
    ['series-less number, both invoices of the same payer', tx(45000, 'Rechnung 2026-0004', { payerIban: 'RO09BCYP0000001234567890' }), 'review: the reference is ambiguous: 2026/4 fits PF-2026-0004, INV-2026-0004'],
    ['series-less number narrowed by the payer', tx(5000, 'Rechnung 2026-0007', { payerIban: 'DE02120300000000202051' }), 'matched via number: INV-2026-0007/r 5000→0'],
    ['a date is not an invoice number', tx(999, 'Zahlung vom 2026-03-15'), 'review: no open invoice number in the reference and the payer is unknown'],
    ['a closed number', tx(999, 'INV-2026-0099'), 'review: no open invoice number in the reference and the payer is unknown; it names INV 2026/99, which is not an open invoice'],
  ])('%s', (_, t, expected) => expect(short(one(t))).toBe(expected));
});

describe('matching by amount and payer', () => {
  it.each([
    ['IBAN and one item of that amount', tx(23800, 'Danke', { payerIban: 'DE02120300000000202051' }), 'matched via iban: INV-2026-0003/r 23800→0'],
    ['name (diacritics folded) when the IBAN is unknown', tx(23800, '', { payerName: 'JUERGEN MUELLER GMBH', payerIban: 'DE44500105175407324931' }), 'matched via name: INV-2026-0003/r 23800→0'],
    ['exactly one group sums to the amount', tx(142800, 'Sammelzahlung', { payerIban: 'DE02120300000000202051' }), 'split via iban: INV-2026-0001/r 119000→0, INV-2026-0003/r 23800→0'],
    ['a group of both parts of one invoice', tx(100000, 'plata', { payerName: 'Stefan Tarau S.R.L.', currency: 'RON' }), 'matched via name: INV-2026-0031/p 30000→0, INV-2026-0031/r 70000→0'],
    ['a single item wins over groups', tx(12000, 'x', { payerIban: 'RO09BCYP0000001234567890', currency: 'RON' }), 'matched via iban: INV-2026-0004/r 12000→0'],
    ['several groups fit', tx(24000, 'x', { payerIban: 'RO09BCYP0000001234567890', currency: 'RON' }), 'review: several groups of the payer\'s open items add up to RON 240.00'],
    ['two items of the amount', tx(4000, 'x', { payerIban: 'RO09BCYP0000001234567890', currency: 'RON' }), 'review: 2 open items of the payer are exactly RON 40.00'],
    ['nothing fits', tx(100, 'x', { payerIban: 'DE02120300000000202051' }), 'review: no open item or group of up to 4 of the payer\'s items adds up to EUR 1.00'],
    ['payer known, other currency', tx(23800, 'x', { payerIban: 'DE02120300000000202051', currency: 'USD' }), 'review: currency mismatch: the payment is in USD, the payer\'s open items are in EUR'],
  ])('%s', (_, t, expected) => expect(short(one(t))).toBe(expected));
});

describe('an import as a whole', () => {
  it('later lines see earlier allocations; duplicates, outgoing payments and the summary', () => {
    const lines = [
      tx(119000, 'INV-2026-0001'),
      tx(119000, 'INV-2026-0001 again'),
      tx(8950, 'Abschlag', { direction: 'debit' }),
      tx(59500, 'INV-2026-0002'),
      tx(10000, 'INV-2026-0003'),
      tx(20000, 'INV-2026-0003'),
    ];
    const decisions = matchPayments([...lines, lines[0]!], open(), { numberFormats: FORMATS, alreadyImported: new Set([lines[3]!.bankRef]) });
    expect(decisions.map(short)).toEqual([
      'matched via number: INV-2026-0001/r 119000→0',
      'review: INV-2026-0001 is already paid in this import',
      'ignored',
      'duplicate',
      'partial via number: INV-2026-0003/r 10000→13800',
      'overpaid via number: INV-2026-0003/r 13800→0; credit 6200',
      'duplicate',
    ]);
    expect(summarise(decisions)).toEqual({ lines: 7, matched: 1, split: 0, partial: 1, overpaid: 1, review: 1, ignored: 1, duplicate: 2 });
  });
});
