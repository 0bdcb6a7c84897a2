import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { fontBytes } from '../../src/pdf/index.js';
import { readTrueType, subsetTrueType } from '../../src/pdf/subset.js';

type Font = ReturnType<typeof fontkit.create>;
const pathOf = (font: Font, id: number) => font.getGlyph(id).path.toSVG();

describe('subsetTrueType', async () => {
  // A fresh parse: the shared font in fonts.ts has its layout replaced.
  const bytes = await fontBytes('regular');
  const original = fontkit.create(bytes);
  const source = readTrueType(bytes);
  const ids = [0, ...[...'Aäșț€'].map((c) => original.glyphForCodePoint(c.codePointAt(0)!).id)];

  it('keeps the glyphs in the order given, with their outlines and advance widths', () => {
    const subset = fontkit.create(subsetTrueType(source, ids));
    ids.forEach((id, newId) => {
      expect(pathOf(subset, newId)).toBe(pathOf(original, id));
      expect(subset.getGlyph(newId).advanceWidth).toBe(original.getGlyph(id).advanceWidth);
    });
  });

  it('appends the components of composite glyphs (ä = a + dieresis) and renumbers them', () => {
    const composites = ids.filter((id) => (original.getGlyph(id) as unknown as { _decode(): { numberOfContours: number } })._decode()?.numberOfContours < 0);
    expect(composites.length).toBeGreaterThan(0);
    const subset = fontkit.create(subsetTrueType(source, ids));
    expect(subset.numGlyphs).toBeGreaterThan(ids.length);
  });

  it('is byte-stable and has valid table checksums', () => {
    const a = subsetTrueType(source, ids);
    expect(Buffer.from(subsetTrueType(source, ids)).equals(Buffer.from(a))).toBe(true);
    const view = new DataView(a.buffer);
    let sum = 0;
    for (let i = 0; i < a.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba); // whole-font checksum after checkSumAdjustment
  });
});
