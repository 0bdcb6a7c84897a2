import { rgb, type Color, type PDFDocument, type PDFFont, type PDFName, type PDFPage } from 'pdf-lib';
import { fillColor, pdfNumber, rawOperators, strokeColor } from './raw.js';
import type { EmbeddedFont } from './fonts.js';
import { assertGlyphs, normalizeText, wrapText } from './text.js';

/**
 * A top-to-bottom flow of text blocks and tables over as many pages as needed.
 * Coordinates are PDF points (1/72 inch); `y` is the top of the next block, measured
 * from the bottom of the page as PDF does.
 */

export const A4: readonly [number, number] = [595.28, 841.89];

export interface PageSetup {
  size: readonly [number, number];
  margin: { top: number; right: number; bottom: number; left: number };
}

export const DEFAULT_PAGE: PageSetup = { size: A4, margin: { top: 56, right: 56, bottom: 64, left: 56 } };

export interface TextStyle {
  font: EmbeddedFont;
  size: number;
  color?: Color;
  /** Line height as a multiple of the font size. */
  leading?: number;
}

export type Align = 'left' | 'right' | 'center';

export interface Column {
  header?: string;
  /** Relative width: columns share the table width in proportion to these numbers. */
  width: number;
  align?: Align;
}

export interface TableOptions {
  columns: Column[];
  rows: string[][];
  body: TextStyle;
  /** Style of the header row; the header is drawn when any column has header text. */
  header?: TextStyle;
  /** Style per column for body cells, e.g. bold labels in a label/value list. */
  columnStyles?: (TextStyle | undefined)[];
  /** Space between a cell's border and its text. */
  padding?: number;
  /** Draw the header again at the top of every page the table continues on. Default true. */
  repeatHeader?: boolean;
  /** Thin line under the header and between rows. Default true. */
  rules?: boolean;
}

export interface FlowOptions {
  setup?: PageSetup;
  /** Called at the top of every page, the first included: letterheads, "continued" headers. */
  onPageStart?: (flow: Flow, pageIndex: number) => void;
}

const BLACK = rgb(0, 0, 0);
const RULE = rgb(0.7, 0.7, 0.7);

export class Flow {
  readonly pages: PDFPage[] = [];
  readonly setup: PageSetup;
  private current!: PDFPage;
  /** Top of the next block, in points from the bottom edge. */
  y = 0;
  /** Where content starts on the current page (below whatever onPageStart drew). */
  private pageTop = 0;

  constructor(
    readonly doc: PDFDocument,
    private readonly options: FlowOptions = {},
  ) {
    this.setup = options.setup ?? DEFAULT_PAGE;
    this.newPage();
  }

  get page(): PDFPage {
    return this.current;
  }
  get left(): number {
    return this.setup.margin.left;
  }
  get width(): number {
    return this.setup.size[0] - this.setup.margin.left - this.setup.margin.right;
  }
  /** Room left on the current page above the bottom margin. */
  get remaining(): number {
    return this.y - this.setup.margin.bottom;
  }

  newPage(): void {
    this.current = this.doc.addPage([this.setup.size[0], this.setup.size[1]]);
    this.pages.push(this.current);
    this.y = this.setup.size[1] - this.setup.margin.top;
    this.options.onPageStart?.(this, this.pages.length - 1);
    this.pageTop = this.y;
  }

  /** True while nothing but the onPageStart content is on the current page. */
  get atPageTop(): boolean {
    return this.y === this.pageTop;
  }

  /**
   * Starts a new page unless `height` still fits on this one. Returns false when it
   * does not fit even on an empty page (the caller decides whether that is an error).
   */
  ensure(height: number): boolean {
    if (height <= this.remaining) return true;
    if (!this.atPageTop) this.newPage();
    return height <= this.remaining;
  }

  gap(height: number): void {
    this.y -= height;
  }

  /** A wrapped paragraph; it may continue on the next page between lines. */
  text(text: string, style: TextStyle, opts: { align?: Align; x?: number; width?: number } = {}): void {
    const x = opts.x ?? this.left;
    const width = opts.width ?? this.width;
    for (const line of linesOf(text, style, width)) {
      this.ensure(lineHeight(style));
      drawLine(this.current, line, style, x, width, this.y, opts.align ?? 'left');
      this.y -= lineHeight(style);
    }
  }

  /** A horizontal line across the content width. */
  rule(color: Color = RULE, thickness = 0.5): void {
    // What page.drawLine writes for these options, without its per-call objects.
    const [x1, x2, y] = [pdfNumber(this.left), pdfNumber(this.left + this.width), pdfNumber(this.y)];
    this.current.pushOperators(rawOperators(`q\n${strokeColor(color)}\n${pdfNumber(thickness)} w\n[] 0 d\n${x1} ${y} m\n${x1} ${y} m\n${x2} ${y} l\nS\nQ`));
  }

  /**
   * A table whose rows never split across pages; when it breaks, the header is drawn
   * again on the next page. Cells wrap within their column.
   */
  table(t: TableOptions): void {
    const padding = t.padding ?? 4;
    const total = t.columns.reduce((sum, c) => sum + c.width, 0);
    if (t.columns.length === 0 || !(total > 0)) throw new Error('table: needs at least one column with a positive width');
    const widths = t.columns.map((c) => (c.width / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const headerCells = t.columns.map((c) => c.header ?? '');
    const hasHeader = headerCells.some((h) => h !== '');
    const headerStyle = t.header ?? t.body;
    const rules = t.rules ?? true;

    const layoutRow = (cells: string[], styleOf: (i: number) => TextStyle) => {
      const lines = t.columns.map((_, i) => linesOf(cells[i] ?? '', styleOf(i), widths[i]! - 2 * padding));
      const height = Math.max(...lines.map((l, i) => l.length * lineHeight(styleOf(i)))) + 2 * padding;
      return { lines, height };
    };
    const drawRow = (row: ReturnType<typeof layoutRow>, styleOf: (i: number) => TextStyle) => {
      row.lines.forEach((lines, i) => {
        const style = styleOf(i);
        lines.forEach((line, n) => {
          const top = this.y - padding - n * lineHeight(style);
          drawLine(this.current, line, style, xs[i]! + padding, widths[i]! - 2 * padding, top, t.columns[i]!.align ?? 'left');
        });
      });
      this.y -= row.height;
      if (rules) this.rule();
    };

    const header = hasHeader ? layoutRow(headerCells, () => headerStyle) : undefined;
    const bodyStyle = (i: number) => t.columnStyles?.[i] ?? t.body;
    t.rows.forEach((cells, index) => {
      const row = layoutRow(cells, bodyStyle);
      const first = index === 0;
      // Keep the header together with the first row; repeat it after a page break.
      const needed = row.height + (header && (first || (t.repeatHeader ?? true)) ? header.height : 0);
      const pages = this.pages.length;
      if (!this.ensure(first && header ? needed : row.height) || (this.pages.length > pages && !this.ensure(needed))) {
        throw new Error(
          `table: row ${index + 1} is ${Math.round(row.height)}pt tall and does not fit on one page ` +
            `(${Math.round(this.remaining)}pt usable); shorten the text in that row.`,
        );
      }
      const brokeHere = this.pages.length > pages;
      if (header && (first || (brokeHere && (t.repeatHeader ?? true)))) drawRow(header, () => headerStyle);
      drawRow(row, bodyStyle);
    });
    if (t.rows.length === 0 && header) {
      this.ensure(header.height);
      drawRow(header, () => headerStyle);
    }
  }

  /**
   * Draws a line of text in the bottom margin of every page, e.g. page numbers. Call it
   * once, after all content, so the page count is known.
   */
  footer(textFor: (pageNumber: number, pageCount: number) => string, style: TextStyle, align: Align = 'center'): void {
    // Starts a third of the way down the bottom margin; at most three small lines fit there.
    const top = (this.setup.margin.bottom * 2) / 3;
    this.pages.forEach((page, i) => {
      const lines = linesOf(textFor(i + 1, this.pages.length), style, this.width).slice(0, 3);
      lines.forEach((line, n) => drawLine(page, line, style, this.left, this.width, top - n * lineHeight(style), align));
    });
  }
}

export function lineHeight(style: TextStyle): number {
  return style.size * (style.leading ?? 1.3);
}

/**
 * Normalised, glyph-checked, wrapped lines of `text` for a box `width` points wide.
 * Remembered per font, size and width: labels, the letterhead and the seller's details
 * are the same on every document, and each text is also measured before it is drawn.
 * The lines depend only on the font file (not the document), so sharing them is exact.
 */
export function linesOf(text: string, style: TextStyle, width: number): readonly string[] {
  // Two levels, so the text itself is the key (strings cache their hash; a joined key would not).
  const boxKey = `${style.font.name} ${style.size} ${width}`;
  let box = wrapped.get(boxKey);
  if (!box) {
    if (wrapped.size >= 1_000) wrapped.clear();
    wrapped.set(boxKey, (box = new Map()));
  }
  let lines = box.get(text);
  if (!lines) {
    const clean = normalizeText(text);
    assertGlyphs(clean, style.font);
    const { pdf } = style.font;
    const measure = (s: string) => pdf.widthOfTextAtSize(s, style.size);
    lines = Object.freeze(wrapText(clean, width, measure));
    if (box.size >= 10_000) box.clear();
    box.set(text, lines);
  }
  return lines;
}

const wrapped = new Map<string, Map<string, readonly string[]>>();

/**
 * One line of text. Writes the text operators itself instead of calling page.drawText,
 * which adds a new font resource name and a graphics state save/restore per call; here
 * a page names each font once, and positions are rounded to 1/100 pt.
 */
export function drawLine(page: PDFPage, line: string, style: TextStyle, x: number, width: number, top: number, align: Align): void {
  if (line === '') return;
  const font = style.font.pdf;
  const dx = align === 'left' ? 0 : align === 'right' ? width - font.widthOfTextAtSize(line, style.size) : (width - font.widthOfTextAtSize(line, style.size)) / 2;
  // Baseline sits one ascent below the top of the line box.
  const at = `${pdfNumber(round2(x + dx))} ${pdfNumber(round2(top - style.size * 0.95))} Td`;
  const text = font.encodeText(line).toString();
  page.pushOperators(rawOperators(`BT\n${fillColor(style.color ?? BLACK)}\n${fontKey(page, font)} ${pdfNumber(style.size)} Tf\n${at}\n${text} Tj\nET`));
}

const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();

function fontKey(page: PDFPage, font: PDFFont): PDFName {
  let keys = fontKeys.get(page);
  if (!keys) fontKeys.set(page, (keys = new Map()));
  let key = keys.get(font);
  if (!key) keys.set(font, (key = page.node.newFontDictionary(font.name, font.ref)));
  return key;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
