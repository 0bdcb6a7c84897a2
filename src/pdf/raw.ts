import { PDFNumber, PDFOperator, setFillingColor, setStrokingColor, type Color, type PDFOperatorNames } from 'pdf-lib';

// Content-stream text written directly. pdf-lib builds an object per operator and per
// number (a text line was six operators and a dozen objects), then turns them back into
// text when the document is saved. These helpers write the same characters pdf-lib
// would, as one operator whose "name" is the whole chunk: the saved bytes are unchanged.

/** Several operators, one per line, as one entry of a page's content stream. */
export function rawOperators(lines: string): PDFOperator {
  return PDFOperator.of(lines as PDFOperatorNames);
}

/** A number as pdf-lib writes it (never in exponent form). */
export function pdfNumber(n: number): string {
  const text = String(n);
  return text.includes('e') ? PDFNumber.of(n).toString() : text;
}

const fills = new WeakMap<Color, string>();
const strokes = new WeakMap<Color, string>();

/** `r g b rg` (or the grey/CMYK form) for a colour, made once per colour object. */
export function fillColor(color: Color): string {
  let text = fills.get(color);
  if (text === undefined) fills.set(color, (text = setFillingColor(color).toString()));
  return text;
}

export function strokeColor(color: Color): string {
  let text = strokes.get(color);
  if (text === undefined) strokes.set(color, (text = setStrokingColor(color).toString()));
  return text;
}
