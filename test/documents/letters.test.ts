import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { contractBody, renderContract } from '../../src/documents/contract.js';
import { formatAmount } from '../../src/documents/format.js';
import { renderReminderLetter } from '../../src/documents/reminder.js';
import type { OverdueItem } from '../../src/documents/types.js';
import { pdfToText } from '../support/pdf-text.js';
import { BUYER, SELLER } from './fixtures.js';

const squash = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
const read = async (pdf: Uint8Array) => squash(await pdfToText(pdf));

const items: OverdueItem[] = [
  { number: 'INV-2026-0001', issueDate: '2026-01-10', dueDate: '2026-01-24', part: 'prepayment', currency: 'EUR', amountMinor: 50000, paidMinor: 0, reminders: 1 },
  { number: 'INV-2026-0001', issueDate: '2026-01-10', dueDate: '2026-02-10', part: 'remaining', currency: 'EUR', amountMinor: 150000, paidMinor: 25000 },
  { number: 'INV-2026-0009', issueDate: '2026-02-01', dueDate: '2026-02-15', currency: 'RON', amountMinor: 99999, paidMinor: 0 },
];

describe('renderReminderLetter', () => {
  it('has a title, header and footer per level and language, and the statement of overdue items', async () => {
    const text = await read(await renderReminderLetter({ level: 2, language: 'de', date: '2026-03-01', payBy: '2026-03-15', seller: SELLER, buyer: BUYER, items }));
    expect(text).toContain('1. Mahnung');
    expect(text).toContain('trotz unserer Zahlungserinnerung');
    expect(text).toContain('bis zum 15.03.2026');
    expect(text).toContain('Sollten Sie inzwischen gezahlt haben');
    expect(text).toContain('Anzahlung');
    expect(text).toContain('Restzahlung');
    // 50 000 + 125 000 open in EUR, 99 999 in RON; days overdue counted to the letter date.
    expect(text).toContain(`Offen gesamt ${squash(formatAmount(175000, 'EUR', 'de'))}`);
    expect(text).toContain(`Offen gesamt ${squash(formatAmount(99999, 'RON', 'de'))}`);
    expect(text).toMatch(/500,00 € 36 INV-2026-0001/);
    expect(text).toMatch(/1\.250,00 € 19\b/);
    expect(text).toContain('IBAN: DE89 3704 0044 0532 0130 00');
  });

  for (const [language, level, title, phrase] of [
    ['ro', 1, 'Reamintire de plată', 'Conform evidențelor noastre'],
    ['pl', 3, 'Wezwanie do zapłaty 2', 'To ostateczne wezwanie'],
    ['en', 3, 'Reminder 3', 'This is our final reminder'],
  ] as const) {
    it(`writes level ${level} in ${language}`, async () => {
      const text = await read(await renderReminderLetter({ level, language, date: '2026-03-01', seller: SELLER, buyer: BUYER, items }));
      expect(text).toContain(title);
      expect(text).toContain(phrase);
      expect(text).toContain('Müller & Söhne GmbH');
    });
  }

  it('takes its own header and footer text when given', async () => {
    const text = await read(await renderReminderLetter({ level: 1, language: 'ro', date: '2026-03-01', seller: SELLER, buyer: BUYER, items, header: 'Stimate client, ăâîșț.', footer: 'Cu stimă, Școala.' }));
    expect(text).toContain('Stimate client, ăâîșț.');
    expect(text).toContain('Cu stimă, Școala.');
  });

  it('lists a long statement over several pages with the header repeated', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ ...items[1]!, number: `INV-2025-${String(i + 1).padStart(4, '0')}` }));
    const pdf = await renderReminderLetter({ level: 1, language: 'pl', date: '2026-03-01', seller: SELLER, buyer: BUYER, items: many });
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    expect(pages).toBeGreaterThan(1);
    const text = await pdfToText(pdf, { layout: true });
    expect(text.split('Zapłacono').length - 1).toBe(pages);
    expect(squash(text)).toContain(`Strona ${pages} z ${pages}`);
  });
});

describe('renderContract', () => {
  it('fills the template and prints parties, paragraphs and signature lines', async () => {
    const body = contractBody('# Art. 1 Obiectul contractului\n\n{{buyer}} se înscrie la cursul „{{course}}”.\n\n# Art. 2 Preț\n\nPrețul este {{price}}.', {
      buyer: BUYER.name,
      course: 'Chitară pentru începători',
      price: formatAmount(120000, 'RON', 'ro'),
    });
    const text = await read(await renderContract({ title: 'Contract de prestări servicii', language: 'ro', date: '2026-03-14', number: 'C-2026-0007', seller: SELLER, buyer: BUYER, body }));
    for (const expected of ['Contract de prestări servicii', 'Nr. contract C-2026-0007 · Data: 14.03.2026', 'Art. 1 Obiectul contractului', 'Müller & Söhne GmbH se înscrie la cursul „Chitară pentru începători”.', 'Prețul este 1.200,00 lei.', 'Prestator', 'Beneficiar', 'Pagina 1 din 1']) {
      expect(text).toContain(expected);
    }
  });

  it('refuses a placeholder without a value', () => {
    expect(() => contractBody('Preț: {{price}}', {})).toThrow(/"price" has no value/);
  });
});
