/** Text preparation for PDF layout: normalisation, glyph checks, line wrapping. No PDF here. */

/**
 * NFC so that "s" + combining comma (two code points) becomes "ș" (one glyph the font
 * has, and one character pdftotext gives back); tabs become spaces and other control
 * characters are dropped because no font draws them.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '');
}

export class MissingGlyphError extends Error {
  constructor(
    readonly fontName: string,
    readonly missing: string[],
    readonly text: string,
  ) {
    const list = missing.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
    const snippet = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    super(
      `Cannot put "${snippet}" into the PDF: font ${fontName} has no glyph for ${list.join(', ')}. ` +
        `The PDF font covers Latin, Greek and Cyrillic scripts; change the text (rule template or ` +
        `CRM data) to use characters from those scripts.`,
    );
    this.name = 'MissingGlyphError';
  }
}

/** Throws MissingGlyphError rather than letting the PDF show empty boxes. */
export function assertGlyphs(text: string, font: { name: string; hasGlyph(cp: number): boolean }): void {
  const missing = new Set<string>();
  for (const ch of text) {
    if (ch !== '\n' && !font.hasGlyph(ch.codePointAt(0)!)) missing.add(ch);
  }
  if (missing.size > 0) throw new MissingGlyphError(font.name, [...missing], text);
}

/**
 * Greedy word wrap. Hard line breaks ("\n") are kept, runs of spaces collapse to one,
 * and a word wider than the line is split between characters. `measure` gives the
 * width of a string in the units of maxWidth.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  if (!(maxWidth > 0)) throw new Error(`wrapText: maxWidth must be positive, got ${maxWidth}`);
  const spaceWidth = measure(' ');
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(' ').filter((w) => w !== '')) {
      const wordWidth = measure(word);
      if (line !== '' && lineWidth + spaceWidth + wordWidth <= maxWidth) {
        line += ` ${word}`;
        lineWidth += spaceWidth + wordWidth;
        continue;
      }
      if (line !== '') lines.push(line);
      if (wordWidth <= maxWidth) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      // Longer than a whole line (an IBAN without spaces, a URL): split it.
      const pieces = splitWord(word, maxWidth, measure);
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1]!;
      lineWidth = measure(line);
    }
    lines.push(line);
  }
  return lines;
}

function splitWord(word: string, maxWidth: number, measure: (s: string) => number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece !== '' && measure(piece + ch) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  pieces.push(piece);
  return pieces;
}
