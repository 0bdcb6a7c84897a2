import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { formatAmount, formatDate } from '../../src/documents/format.js';
import { renderInvoiceDocument } from '../../src/documents/invoice.js';
import { labelsFor } from '../../src/documents/labels/index.js';
import { pdfToText } from '../support/pdf-text.js';
import { sampleInvoice, withTotals } from './fixtures.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
// pdftotext keeps the no-break spaces of amounts ("1.234,56 €"); compare with plain ones.
const plain = (s: string) => s.replace(/\u00a0/g, ' ');
// Wrapped lines come back on separate lines; compare as running text.
const squash = (s: string) => plain(s).replace(/[ \t\r\n]+/g, ' ');
const read = async (pdf: Uint8Array) => squash(await pdfToText(pdf));

describe('renderInvoiceDocument', () => {
  for (const language of ['de', 'pl', 'ro', 'en'] as const) {
    it(`prints ${language} labels, amounts, dates and every diacritic so pdftotext reads them back`, async () => {
      const inv = sampleInvoice({ language, currency: language === 'pl' ? 'PLN' : 'EUR' });
      const text = await read(await renderInvoiceDocument(inv));
      const l = labelsFor(language);
      const money = (m: number) => plain(formatAmount(m, inv.currency, language));
      for (const expected of [
        `${l.title.invoice} INV-2026-0001`,
        l.buyer,
        l.columns.description,
        l.columns.unitPrice,
        l.taxBreakdown.rate,
        l.totals.net,
        l.totals.gross,
        money(inv.totals.grossMinor),
        money(inv.totals.netMinor),
        money(inv.lines[0]!.unitPriceMinor),
        `${l.issueDate}: ${formatDate('2026-03-14', language)}`,
        l.page(1, 1),
        'Școala de Muzică Ăâîșț SRL',
        'Strada Mărășești 12',
        'Müller & Söhne GmbH',
        'Große Straße 5',
        'Kurs Größenänderung – Zażółć gęślą',
        'Lehrbuch „Pădure și țară“',
      ]) {
        expect(text).toContain(expected);
      }
    });
  }

  it('formats German amounts as 1.234,56 € and English ones as €1,234.56', async () => {
    expect(await read(await renderInvoiceDocument(sampleInvoice()))).toContain('1.234,56 €');
    expect(await read(await renderInvoiceDocument(sampleInvoice({ language: 'en' })))).toContain('€1,234.56');
  });

  it('titles each kind and names what it refers to', async () => {
    const proforma = await read(await renderInvoiceDocument(sampleInvoice({ kind: 'proforma', number: 'PF-2026-0001', language: 'ro' })));
    expect(proforma).toContain('Factură proformă PF-2026-0001');
    const final = await read(await renderInvoiceDocument(sampleInvoice({ language: 'ro', references: [{ kind: 'proforma', number: 'PF-2026-0001', date: '2026-03-01' }] })));
    expect(final).toContain('Factură proformă: PF-2026-0001 (01.03.2026)');
    const negated = withTotals(sampleInvoice().lines.map((l) => ({ ...l, quantityMilli: -l.quantityMilli })));
    const storno = sampleInvoice({ kind: 'storno', number: 'INV-2026-0002', ...negated, parts: [], references: [{ kind: 'original', number: 'INV-2026-0001' }] });
    const text = await read(await renderInvoiceDocument(storno));
    expect(text).toContain('Stornorechnung INV-2026-0002');
    expect(text).toContain('Korrigiert Rechnung: INV-2026-0001');
    expect(text).toContain(`Gutschriftsbetrag ${plain(formatAmount(negated.totals.grossMinor, 'EUR', 'de'))}`);
    expect(text).toContain('Kein Zahlbetrag.');
    const credit = await read(await renderInvoiceDocument({ ...storno, kind: 'credit_note', language: 'pl' }));
    expect(credit).toContain('Faktura korygująca INV-2026-0002');
  });

  it('shows the prepayment and remaining parts with their due dates', async () => {
    const inv = sampleInvoice();
    const parts = [
      { kind: 'prepayment' as const, amountMinor: 50000, dueDate: '2026-03-20' },
      { kind: 'remaining' as const, amountMinor: inv.totals.grossMinor - 50000, dueDate: '2026-04-14' },
    ];
    const text = await read(await renderInvoiceDocument({ ...inv, parts }));
    expect(text).toContain('Anzahlung: 500,00 €, fällig am 20.03.2026');
    expect(text).toContain(`Restzahlung: ${plain(formatAmount(parts[1]!.amountMinor, 'EUR', 'de'))}, fällig am 14.04.2026`);
  });

  it('spreads 300 lines over several pages, repeating the table header and numbering the pages', async () => {
    const drafts = Array.from({ length: 300 }, (_, i) => ({
      description: `Position ${i + 1}: Übungsstunde ăâîșț ąćęłńóśźż`,
      quantityMilli: 1000 + i,
      unit: 'h',
      unitPriceMinor: 2500 + i,
      taxRateBp: i % 3 === 0 ? 700 : 1900,
    }));
    const inv = sampleInvoice({ ...withTotals(drafts) });
    inv.parts = [{ kind: 'remaining', amountMinor: inv.totals.grossMinor, dueDate: '2026-03-28' }];
    const pdf = await renderInvoiceDocument(inv);
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    expect(pages).toBeGreaterThanOrEqual(5);
    const text = await read(pdf);
    const pageTexts = (await pdfToText(pdf, { layout: true })).split('\f').map(squash).filter((t) => t.trim() !== '');
    expect(pageTexts).toHaveLength(pages);
    pageTexts.forEach((t, i) => {
      // Every page with line items starts them under the column headers.
      if (t.includes('Übungsstunde')) expect(t).toMatch(/Pos\. Beschreibung Menge Einheit Einzelpreis USt\. Netto \d+ Position \d+/);
      expect(t).toContain(`Seite ${i + 1} von ${pages}`);
    });
    expect(pageTexts.filter((t) => t.includes('Übungsstunde')).length).toBeGreaterThanOrEqual(5);
    for (const n of [1, 150, 300]) expect(text).toContain(`Position ${n}: Übungsstunde ăâîșț ąćęłńóśźż`);
    expect(text).toContain(`Gesamtbetrag ${plain(formatAmount(inv.totals.grossMinor, 'EUR', 'de'))}`);
    expect(pageTexts[1]).toContain('Rechnung INV-2026-0001 · Școala de Muzică');
  });

  it('gives the same bytes for the same input and different bytes for a different number', async () => {
    const a = sha256(await renderInvoiceDocument(sampleInvoice()));
    await renderInvoiceDocument(sampleInvoice({ language: 'ro', number: 'X-1' }));
    expect(sha256(await renderInvoiceDocument(sampleInvoice()))).toBe(a);
    expect(sha256(await renderInvoiceDocument(sampleInvoice({ number: 'INV-2026-0002' })))).not.toBe(a);
  });
});
