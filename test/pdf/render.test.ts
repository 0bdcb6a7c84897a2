import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MissingGlyphError, PDF_PRODUCER, renderSimpleDocument, type SimpleDocumentInput } from '../../src/pdf/index.js';
import { projectRoot } from '../../src/platform/config.js';
import { pdfToText } from '../support/pdf-text.js';

const GERMAN = 'Größenänderung für Müller: äöüß ÄÖÜ';
const POLISH = 'Zażółć gęślą jaźń: ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ';
const ROMANIAN = 'Factură plătită în școală: ăâîșț ĂÂÎȘȚ';

const sample: SimpleDocumentInput = {
  title: 'Opportunity Kurs Größe status changed',
  subtitle: 'Team Timișoara: from Proposal to Won',
  lines: [
    { label: 'Kunde', value: GERMAN },
    { label: 'Klient', value: POLISH },
    { label: 'Client', value: ROMANIAN },
    { label: 'Status', value: 'Proposal → Won — office' },
  ],
  footer: 'Document rule-1/opp-42/confirmation',
  language: 'de-DE',
};

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('renderSimpleDocument', () => {
  afterEach(() => vi.useRealTimers());

  it('puts German, Polish and Romanian text into the PDF so pdftotext reads it back exactly', async () => {
    const text = await pdfToText(await renderSimpleDocument(sample));
    for (const expected of [sample.title, sample.subtitle!, GERMAN, POLISH, ROMANIAN, 'Proposal → Won — office', sample.footer!]) {
      expect(text).toContain(expected);
    }
  });

  it('is one A4 page with a fixed producer and no clock-based dates', async () => {
    const doc = await PDFDocument.load(await renderSimpleDocument(sample), { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(doc.getTitle()).toBe(sample.title);
    expect(doc.getProducer()).toBe(PDF_PRODUCER);
    expect(doc.getCreationDate()).toBeUndefined();
    expect(doc.getModificationDate()).toBeUndefined();
  });

  it('gives the same bytes for the same input, whatever was rendered before and whatever the clock says', async () => {
    const first = sha256(await renderSimpleDocument(sample));
    await renderSimpleDocument({ title: 'Something else', lines: [{ label: 'x', value: 'ĂÂÎȘȚ ŁŻ' }] });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-07-04T12:34:56Z'));
    const later = sha256(await renderSimpleDocument(sample));
    expect(later).toBe(first);
    expect(sha256(await renderSimpleDocument({ ...sample, subtitle: 'Team Timișoara: from Proposal to Lost' }))).not.toBe(first);
  });

  it('gives the same bytes in another process (a retried activity on another worker)', async () => {
    // Fonts are parsed once per process and shared; what ran before must not show in the bytes.
    await renderSimpleDocument({ title: 'ȚARA', lines: [{ label: 'Ș', value: 'Ț Ă Ł' }] });
    const here = sha256(await renderSimpleDocument(sample));
    const script = [
      `import { renderSimpleDocument } from ${JSON.stringify(path.join(projectRoot, 'src/pdf/index.ts'))};`,
      `import { createHash } from 'node:crypto';`,
      `const bytes = await renderSimpleDocument(JSON.parse(process.env.INPUT));`,
      `console.log(createHash('sha256').update(bytes).digest('hex'));`,
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: projectRoot,
      env: { ...process.env, INPUT: JSON.stringify(sample) },
    });
    expect(stdout.trim()).toBe(here);
  });

  it('turns decomposed diacritics (s + combining comma) into the single letters pdftotext gives back', async () => {
    const decomposed = 'Bucures\u0326ti, Timis\u0326oara, t\u0326ara'.normalize('NFD');
    const text = await pdfToText(await renderSimpleDocument({ title: 'NFC', lines: [{ label: 'Oraș', value: decomposed }] }));
    expect(text).toContain('București, Timișoara, țara');
  });

  it('reads letters back after another document used them only inside composed letters (T in Ț)', async () => {
    await renderSimpleDocument({ title: 'ȚARA', lines: [{ label: 'ȘI', value: 'Ț' }] });
    const text = await pdfToText(await renderSimpleDocument({ title: 'Timișoara', lines: [{ label: 'Straße', value: 'TAS SIT' }] }));
    expect(text).toContain('Timișoara');
    expect(text).toContain('TAS SIT');
  });

  it('refuses characters the font cannot draw, naming them, instead of printing empty boxes', async () => {
    const render = renderSimpleDocument({ title: 'Invoice', lines: [{ label: 'Customer', value: 'Acme 中国' }] });
    await expect(render).rejects.toBeInstanceOf(MissingGlyphError);
    await expect(render).rejects.toThrow(/U\+4E2D '中'.*U\+56FD '国'/);
  });
});
