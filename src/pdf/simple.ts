import { rgb } from 'pdf-lib';
import { createPdf, savePdf } from './document.js';
import { Flow } from './layout.js';

export interface SimpleDocumentInput {
  title: string;
  subtitle?: string;
  /** Label/value pairs shown as a two-column list. */
  lines: { label: string; value: string }[];
  footer?: string;
  /** BCP 47 language tag, e.g. "ro-RO". */
  language?: string;
}

const GREY = rgb(0.35, 0.35, 0.35);

/**
 * A one-page notice such as "Opportunity X status changed from A to B". Byte-stable:
 * the same input always gives the same bytes, so a retried activity writes an
 * identical file. Long content continues on further pages rather than being cut.
 */
export async function renderSimpleDocument(input: SimpleDocumentInput): Promise<Uint8Array> {
  const { doc, fonts } = await createPdf({ title: input.title, language: input.language });
  const flow = new Flow(doc);
  flow.text(input.title, { font: fonts.bold, size: 20, leading: 1.2 });
  if (input.subtitle) {
    flow.gap(4);
    flow.text(input.subtitle, { font: fonts.regular, size: 12, color: GREY });
  }
  flow.gap(16);
  if (input.lines.length > 0) {
    flow.table({
      columns: [{ width: 1 }, { width: 2 }],
      rows: input.lines.map((l) => [l.label, l.value]),
      body: { font: fonts.regular, size: 11 },
      columnStyles: [{ font: fonts.bold, size: 11 }],
    });
  }
  if (input.footer) {
    const footer = input.footer;
    flow.footer(() => footer, { font: fonts.regular, size: 8, color: GREY });
  }
  return savePdf(doc);
}
