import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvStatement } from '../../src/receivables/statements/csv.js';
import { loadCsvTemplate, renderTemplateError } from '../../src/receivables/statements/csv-template-load.js';
import type { CsvTemplate } from '../../src/receivables/statements/csv-template.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
function template(name: string): CsvTemplate {
  const r = loadCsvTemplate(name, readFileSync(fixture(name), 'utf8'));
  if (!r.template) throw new Error(r.errors.map(renderTemplateError).join('\n'));
  return r.template;
}

describe('CSV statements through a mapping template', () => {
  it('reads a Windows-1252 Sparkasse export with a preamble line, decimal comma and thousands dots', () => {
    const r = parseCsvStatement(readFileSync(fixture('sparkasse-1252.csv')), template('sparkasse.yaml'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.transactions.map((t) => [t.line, t.bookingDate, t.direction, t.amountMinor, t.payerName, t.payerIban ?? null])).toEqual([
      [3, '2026-03-02', 'credit', 178500, 'Jürgen Müller GmbH', 'DE02120300000000202051'],
      [4, '2026-03-03', 'credit', 23800, 'Bäckerei Größer e.K.', 'DE44500105175407324931'],
      [5, '2026-03-04', 'debit', 8950, 'Stadtwerke Köln', 'DE12500105170648489890'],
      [6, '2026-03-05', 'credit', 100000, 'Zoë Weiß', null],
    ]);
    expect(r.transactions[1]!.reference).toBe('Rg. 2026-0003, Danke; schöne Grüße');
    expect(r.transactions[3]!.valueDate).toBe('2026-03-06');
    expect(r.transactions[3]!.creditorReference).toBe('RF18539007547034');
    expect(new Set(r.transactions.map((t) => t.bankRef)).size).toBe(4);
  });

  it('reads a UTF-8 Romanian export with debit/credit columns and gives the same ids on a second import', () => {
    const bytes = readFileSync(fixture('bt-ro.csv'));
    const a = parseCsvStatement(bytes, template('bt-ro.yaml'));
    const b = parseCsvStatement(bytes, template('bt-ro.yaml'));
    if (!a.ok || !b.ok) throw new Error('parse failed');
    expect(a.transactions.map((t) => [t.payerName, t.currency, t.direction, t.amountMinor])).toEqual([
      ['Ștefan Țărău SRL', 'RON', 'credit', 120050],
      ['Ioana Popescu PFA', 'RON', 'credit', 45000],
      ['Comision bancar', 'RON', 'debit', 250],
    ]);
    expect(b.transactions.map((t) => t.bankRef)).toEqual(a.transactions.map((t) => t.bankRef));
  });

  it('two identical lines are two payments with two ids', () => {
    const t = template('bt-ro.yaml');
    const line = '2026-03-12,Ana Pop,,Factura 9,,10.00\n';
    const r = parseCsvStatement(`Data,Beneficiar/Platitor,IBAN,Detalii,Debit,Credit\n${line}${line}`, t);
    if (!r.ok) throw new Error('parse failed');
    expect(r.transactions[0]!.bankRef).not.toBe(r.transactions[1]!.bankRef);
  });

  it('reports every bad line with its number and reason, and imports nothing', () => {
    const csv = [
      'Data,Beneficiar/Platitor,IBAN,Detalii,Debit,Credit',
      '2026-03-10,A,,x,,1.00',
      '2026-02-30,B,,x,,1.00',
      '2026-03-10,C,RO00AAAA1B31007593840000,x,,1.00',
      '2026-03-10,D,,x,,abc',
      '2026-03-10,E,,x,1.00,2.00',
      '2026-03-10,F,,"x',
    ].join('\n');
    const r = parseCsvStatement(csv.split('\n').slice(0, 6).join('\n'), template('bt-ro.yaml'));
    expect(r).toEqual({
      ok: false,
      errors: [
        { line: 3, message: '"2026-02-30" is not a real date (YYYY-MM-DD)' },
        { line: 4, message: '"RO00AAAA1B31007593840000" is not a valid IBAN (check digits)' },
        { line: 5, message: '"abc" is not an amount (decimal point, thousands ",")' },
        { line: 6, message: 'exactly one of debit and credit must hold an amount' },
      ],
    });
    expect(parseCsvStatement(csv, template('bt-ro.yaml'))).toEqual({ ok: false, errors: [{ line: 7, message: 'a quoted field is never closed' }] });
  });

  it('names a missing header column', () => {
    const r = parseCsvStatement('Datum;Betrag\n01.03.2026;1,00\n', { ...template('sparkasse.yaml'), encoding: 'utf-8', skipLines: 0 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toEqual({ line: 1, message: 'the header has no column "Buchungstag" (it has: Datum, Betrag)' });
  });

  it('rejects invalid UTF-8 rather than guessing', () => {
    expect(parseCsvStatement(readFileSync(fixture('sparkasse-1252.csv')), { ...template('sparkasse.yaml'), encoding: 'utf-8' })).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'the file is not valid UTF-8; if the bank exports Windows-1252, set encoding: windows-1252 in the template' }],
    });
  });
});

describe('mapping template errors carry file:line:column', () => {
  it.each([
    ['name: x\ncolumns:\n  bookingDate: D\n  reference: R\n  amount: A\n', 'currency: no currency column is named, so give a fixed currency, e.g. currency: EUR → at t.yaml:1:1'],
    ['name: x\ncurrency: EUR\ncolumns:\n  bookingDate: D\n  reference: R\n', 'columns.amount: name the amount column, or both debit and credit → at t.yaml:4:3'],
    ['name: x\ncurrency: EUR\ndelimiter: "#"\ncolumns:\n  bookingDate: D\n  reference: R\n  amount: A\n', 'delimiter: the delimiter is one of ";" "," "|" or "\\t" (tab) → at t.yaml:3:12'],
    ['name: x\ncurrency: EUR\ncolumns:\n  bookingDate: D\n  reference: R\n  amount: A\n  iban: I\n', 'columns.iban: Unrecognized key: "iban" → at t.yaml:7:9'],
    ['name: x\nname: y\n', 'Map keys must be unique → at t.yaml:2:1'],
  ])('%#', (yaml, message) => {
    const r = loadCsvTemplate('t.yaml', yaml);
    expect(r.errors.map(renderTemplateError)).toEqual([`✖ ${message}`]);
  });
});
