import { PDFDocument } from 'pdf-lib';
import { useNativeDeflate } from './deflate.js';
import { embedFonts, type FontSet } from './fonts.js';
import { useFastNumberText } from './numbers.js';

useNativeDeflate();
useFastNumberText();

/** Written into every PDF's Producer and Creator fields instead of pdf-lib's default. */
export const PDF_PRODUCER = 'recflow';

export interface DocumentMeta {
  title: string;
  subject?: string;
  author?: string;
  /** BCP 47 tag such as "de-DE"; lets screen readers and search pick the language. */
  language?: string;
  /**
   * Only when the date belongs to the document (an invoice's issue date). Left out by
   * default: a clock value in the file would make two renders of the same input differ.
   */
  creationDate?: Date;
}

/**
 * A new PDF whose bytes depend only on what is drawn into it: no clock-based dates,
 * a fixed producer, and pdf-lib's seeded (not random) resource names.
 */
export async function createPdf(meta: DocumentMeta): Promise<{ doc: PDFDocument; fonts: FontSet }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setProducer(PDF_PRODUCER);
  doc.setCreator(PDF_PRODUCER);
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.language) doc.setLanguage(meta.language);
  if (meta.creationDate) {
    doc.setCreationDate(meta.creationDate);
    doc.setModificationDate(meta.creationDate);
  }
  const fonts = await embedFonts(doc);
  return { doc, fonts };
}

export async function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  // Object streams make files smaller; the default page would be an empty extra page.
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}
