export { renderSimpleDocument, type SimpleDocumentInput } from './simple.js';
export { createPdf, savePdf, PDF_PRODUCER, type DocumentMeta } from './document.js';
export { embedFonts, fontBytes, fontPath, FONT_PACKAGE, type EmbeddedFont, type FontSet, type FontWeight } from './fonts.js';
export {
  Flow,
  A4,
  DEFAULT_PAGE,
  drawLine,
  lineHeight,
  linesOf,
  type Align,
  type Column,
  type FlowOptions,
  type PageSetup,
  type TableOptions,
  type TextStyle,
} from './layout.js';
export { normalizeText, wrapText, assertGlyphs, MissingGlyphError } from './text.js';
export { blockHeight, columnsBlock, columnXs, drawBlock, type BlockLine } from './blocks.js';
export { drawQrCode } from './qr.js';
