import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { createPdf, Flow, savePdf, wrapText } from '../../src/pdf/index.js';
import { pdfToText } from '../support/pdf-text.js';

// One unit per character makes widths easy to reason about.
const chars = (s: string) => [...s].length;

describe('wrapText', () => {
  it('breaks between words and keeps each line within the width', () => {
    expect(wrapText('the quick brown fox jumps', 10, chars)).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('keeps hard line breaks and blank lines, and collapses runs of spaces', () => {
    expect(wrapText('a  b\n\nc', 10, chars)).toEqual(['a b', '', 'c']);
  });

  it('splits a word longer than the line (an IBAN without spaces)', () => {
    expect(wrapText('IBAN RO49AAAA1B31007593840000', 10, chars)).toEqual(['IBAN', 'RO49AAAA1B', '3100759384', '0000']);
  });

  it('counts a letter with diacritics as one character', () => {
    expect(wrapText('ăâîșț ąćęłń', 5, chars)).toEqual(['ăâîșț', 'ąćęłń']);
  });
});

describe('Flow.table', () => {
  async function invoiceLike(rowCount: number) {
    const { doc, fonts } = await createPdf({ title: 'Rechnung' });
    const flow = new Flow(doc, {
      onPageStart: (f, i) => {
        if (i > 0) f.text('Rechnung 2024-0042 (Fortsetzung)', { font: fonts.regular, size: 9 });
      },
    });
    flow.text('Rechnung 2024-0042', { font: fonts.bold, size: 18 });
    flow.gap(12);
    flow.table({
      columns: [
        { header: 'Pos.', width: 1 },
        { header: 'Beschreibung', width: 6 },
        { header: 'Betrag', width: 2, align: 'right' },
      ],
      rows: Array.from({ length: rowCount }, (_, i) => [
        String(i + 1),
        i % 7 === 0 ? `Leistung ${i + 1}: Größenänderung, Übersetzung und Prüfung über mehrere Zeilen hinweg, damit die Zeile umbricht` : `Leistung ${i + 1}`,
        `${(i + 1) * 10},00 €`,
      ]),
      header: { font: fonts.bold, size: 10 },
      body: { font: fonts.regular, size: 10 },
    });
    flow.footer((n, total) => `Seite ${n} von ${total}`, { font: fonts.regular, size: 8 });
    return savePdf(doc);
  }

  it('continues a long table on further pages, repeating the header on each', async () => {
    const bytes = await invoiceLike(120);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(3);
    const pages = (await pdfToText(bytes, { layout: true })).split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(doc.getPageCount());
    pages.forEach((page, i) => {
      expect(page).toMatch(/Pos\.\s+Beschreibung\s+Betrag/);
      expect(page).toContain(`Seite ${i + 1} von ${pages.length}`);
      if (i > 0) expect(page).toContain('(Fortsetzung)');
    });
    // Every row exactly once, in order, and never split across two pages.
    const numbers = pages.flatMap((p) => [...p.matchAll(/Leistung (\d+)\b/g)].map((m) => Number(m[1])));
    expect(numbers).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });

  it('fits a short table and its header on the first page', async () => {
    const bytes = await invoiceLike(3);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    expect(await pdfToText(bytes)).toContain('Seite 1 von 1');
  });

  it('says which row is too tall for a page instead of drawing past the margin', async () => {
    const { doc, fonts } = await createPdf({ title: 'x' });
    const flow = new Flow(doc);
    const huge = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n');
    expect(() => flow.table({ columns: [{ width: 1 }], rows: [['ok'], [huge]], body: { font: fonts.regular, size: 10 } })).toThrow(
      /row 2 is \d+pt tall and does not fit on one page/,
    );
  });
});
