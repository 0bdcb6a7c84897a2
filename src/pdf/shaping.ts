/**
 * Text → glyphs without OpenType shaping.
 *
 * pdf-lib asks fontkit's full shaper (GSUB + GPOS) for every width and every drawn
 * string, which was most of a one-page document's render time. pdf-lib uses neither the
 * kerning nor the mark positions the shaper computes (only glyph ids and advance
 * widths), ligatures are off, and text is NFC-normalised before it gets here, so a
 * plain character → glyph lookup gives the same glyphs for Latin, Greek and Cyrillic.
 */

interface Glyph {
  id: number;
  advanceWidth: number;
}

interface ShapableFont {
  glyphForCodePoint(codePoint: number): Glyph;
  layout(text: string, features?: unknown): { glyphs: Glyph[] };
}

/** Replaces `font.layout` with a cached code point → glyph lookup. */
export function useDirectGlyphLookup(font: ShapableFont): void {
  const byCodePoint = new Map<number, Glyph>();
  const glyphFor = (cp: number): Glyph => {
    let glyph = byCodePoint.get(cp);
    if (!glyph) {
      glyph = font.glyphForCodePoint(cp);
      byCodePoint.set(cp, glyph);
    }
    return glyph;
  };
  font.layout = (text: string) => {
    const glyphs: Glyph[] = [];
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      glyphs.push(glyphFor(cp));
    }
    return { glyphs };
  };
}
