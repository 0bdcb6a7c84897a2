import { fillTemplate } from '../domain/template.js';
import { createPdf, Flow, savePdf, type BlockLine } from '../pdf/index.js';
import { formatDate } from './format.js';
import { documentLanguage, labelsFor } from './labels/index.js';
import { drawFooter, drawLetterhead, partyBlock } from './letterhead.js';
import { stylesFor } from './styles.js';
import type { ContractDocument } from './types.js';
import { columnsBlock } from '../pdf/index.js';

/**
 * A contract: letterhead, title, the two parties, the body (paragraphs separated by blank
 * lines; a line starting with "# " is a heading) and signature lines for both parties.
 * @example await renderContract({ title: 'Contract', language: 'ro', date: '2026-03-14', seller, buyer, body: 'Art. 1 …' })
 */
export async function renderContract(c: ContractDocument): Promise<Uint8Array> {
  const labels = labelsFor(c.language);
  const l = labels.contract;
  const lang = c.language;
  const { doc, fonts } = await createPdf({ title: c.title, author: c.seller.name, language: documentLanguage(lang), creationDate: new Date(`${c.date}T00:00:00Z`) });
  const s = stylesFor(fonts);
  const flow = new Flow(doc, { onPageStart: (f, i) => (i > 0 ? (f.text(`${c.title} · ${c.seller.name}`, s.small), f.gap(10)) : undefined) });
  await drawLetterhead(doc, flow, c.seller, labels, s);
  flow.gap(18);
  flow.text(c.title, s.title);
  flow.text([...(c.number ? [`${l.number} ${c.number}`] : []), `${l.date}: ${formatDate(c.date, lang)}`].join(' · '), s.small);
  flow.gap(10);
  columnsBlock(flow, [
    { lines: partyBlock(l.signatureSeller, c.seller, labels, s), width: 1 },
    { lines: partyBlock(l.signatureBuyer, c.buyer, labels, s), width: 1 },
  ]);
  flow.gap(12);
  for (const paragraph of c.body.split(/\n\s*\n/)) {
    const text = paragraph.trim();
    if (text === '') continue;
    if (text.startsWith('# ')) {
      flow.gap(4);
      flow.text(text.slice(2), s.heading);
    } else flow.text(text, s.body);
    flow.gap(6);
  }
  if (c.signatures ?? true) {
    flow.gap(36);
    const line = (label: string, name: string): BlockLine[] => [
      { text: '_______________________________', style: s.body },
      { text: label, style: s.label },
      { text: name, style: s.body },
    ];
    columnsBlock(flow, [
      { lines: line(l.signatureSeller, c.seller.name), width: 1 },
      { lines: line(l.signatureBuyer, c.buyer.name), width: 1 },
    ]);
  }
  drawFooter(flow, c.seller, labels, s);
  return savePdf(doc);
}

/**
 * A contract body from a template with {{placeholders}} (see templates/README.md); an
 * unknown placeholder is an error, never an empty gap in a signed document.
 */
export function contractBody(template: string, values: Record<string, unknown>): string {
  return fillTemplate(template, values);
}
