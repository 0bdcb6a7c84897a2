import type { PDFPage } from 'pdf-lib';
import { drawLine, lineHeight, linesOf, type Align, type Flow, type TextStyle } from './layout.js';

/** One paragraph of a block: text in a style, wrapped to the block's width. */
export interface BlockLine {
  text: string;
  style: TextStyle;
  align?: Align;
  /** Extra space above this paragraph, in points. */
  gapBefore?: number;
}

/** The height `lines` take in a box `width` points wide. */
export function blockHeight(lines: readonly BlockLine[], width: number): number {
  return lines.reduce((h, l) => h + (l.gapBefore ?? 0) + linesOf(l.text, l.style, width).length * lineHeight(l.style), 0);
}

/** Draws `lines` with their top at `top`; returns the height used. */
export function drawBlock(page: PDFPage, lines: readonly BlockLine[], x: number, width: number, top: number): number {
  let y = top;
  for (const l of lines) {
    y -= l.gapBefore ?? 0;
    for (const line of linesOf(l.text, l.style, width)) {
      drawLine(page, line, l.style, x, width, y, l.align ?? 'left');
      y -= lineHeight(l.style);
    }
  }
  return top - y;
}

/**
 * Blocks side by side (address and invoice details, bank details and QR code), each in
 * its share of the content width; the flow continues below the tallest. They move to
 * a new page together when they do not fit.
 */
export function columnsBlock(flow: Flow, columns: { lines: readonly BlockLine[]; width: number; minHeight?: number }[], gutter = 16): void {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const usable = flow.width - gutter * (columns.length - 1);
  const widths = columns.map((c) => (c.width / total) * usable);
  const heights = columns.map((c, i) => Math.max(blockHeight(c.lines, widths[i]!), c.minHeight ?? 0));
  const height = Math.max(0, ...heights);
  flow.ensure(height);
  let x = flow.left;
  columns.forEach((c, i) => {
    drawBlock(flow.page, c.lines, x, widths[i]!, flow.y);
    x += widths[i]! + gutter;
  });
  flow.y -= height;
}

/** Where each column of columnsBlock starts, for drawing into one (a QR code). */
export function columnXs(flow: Flow, shares: readonly number[], gutter = 16): { x: number; width: number }[] {
  const total = shares.reduce((s, c) => s + c, 0);
  const usable = flow.width - gutter * (shares.length - 1);
  let x = flow.left;
  return shares.map((s) => {
    const width = (s / total) * usable;
    const col = { x, width };
    x += width + gutter;
    return col;
  });
}
