import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFHexString, type PDFDocument, type PDFFont } from 'pdf-lib';
import { useDirectGlyphLookup } from './shaping.js';
import { readTrueType, subsetTrueType, type TrueTypeSource } from './subset.js';

/**
 * Fonts come from the npm package dejavu-fonts-ttf, so `npm ci` is all a fresh machine
 * needs: no system fonts, nothing fetched at run time. DejaVu Sans covers Latin
 * Extended (German, Polish, Romanian, ...), Greek and Cyrillic.
 */
export const FONT_PACKAGE = 'dejavu-fonts-ttf';
const FONT_FILES = {
  regular: `${FONT_PACKAGE}/ttf/DejaVuSans.ttf`,
  bold: `${FONT_PACKAGE}/ttf/DejaVuSans-Bold.ttf`,
} as const;

export type FontWeight = keyof typeof FONT_FILES;
const SUBSET_NAMES: Record<FontWeight, string> = { regular: 'RFLWAA+DejaVuSans', bold: 'RFLWAB+DejaVuSans-Bold' };

/** A font embedded into one document, plus what the layout needs to check coverage. */
export interface EmbeddedFont {
  pdf: PDFFont;
  /** Family and weight, for error messages. */
  name: string;
  hasGlyph(codePoint: number): boolean;
}

export interface FontSet {
  regular: EmbeddedFont;
  bold: EmbeddedFont;
}

const require = createRequire(import.meta.url);
const SUBSET_PRIMER = ' 0123456789.,:;-/()%€';
type ParsedFont = ReturnType<typeof fontkit.create>;
interface LoadedFont {
  bytes: Uint8Array;
  parsed: ParsedFont;
  tables: TrueTypeSource;
}
// Read and parse each TTF once per process; every document still gets its own subset.
const cache = new Map<FontWeight, Promise<LoadedFont>>();
const parsedByBytes = new WeakMap<Uint8Array, ParsedFont>();

/**
 * pdf-lib calls fontkit.create() for every embedFont(), and parsing DejaVu Sans is most
 * of the time a small document takes. This fontkit hands back the font parsed once.
 *
 * Sharing it between documents is safe because fontkit reads and subsets synchronously
 * (concurrent renders cannot interleave inside it) and because of warmGlyphCache below.
 */
const cachingFontkit = {
  create: (bytes: Uint8Array, postscriptName?: string): ParsedFont =>
    parsedByBytes.get(bytes) ?? fontkit.create(bytes, postscriptName),
};

export function fontPath(weight: FontWeight): string {
  const spec = FONT_FILES[weight];
  try {
    return require.resolve(spec);
  } catch (cause) {
    throw new Error(
      `PDF font "${spec}" not found: the npm package ${FONT_PACKAGE} is not installed. ` +
        `It is a dependency in package.json; run "npm ci" (or "npm install") in the project root.`,
      { cause },
    );
  }
}

function loadFont(weight: FontWeight): Promise<LoadedFont> {
  let loaded = cache.get(weight);
  if (!loaded) {
    loaded = (async () => {
      const bytes = new Uint8Array(await readFile(fontPath(weight)));
      const parsed = fontkit.create(bytes);
      warmGlyphCache(parsed);
      useDirectGlyphLookup(parsed);
      parsedByBytes.set(bytes, parsed);
      return { bytes, parsed, tables: readTrueType(bytes) };
    })();
    // A failed read must not poison the cache for the rest of the process.
    loaded.catch(() => cache.delete(weight));
    cache.set(weight, loaded);
  }
  return loaded;
}

/**
 * fontkit caches glyph objects, and a glyph keeps the code points it was first created
 * with; pdf-lib writes those into the ToUnicode map that text extraction uses. If a
 * document first reaches "T" as a part of "Ț" (created without code points), every
 * later document sharing the font would lose "T" in copied text. Creating every glyph
 * from its code point up front makes the map independent of what was rendered before.
 */
function warmGlyphCache(font: ParsedFont): void {
  for (const cp of font.characterSet) font.glyphForCodePoint(cp);
}

/** The raw TTF bytes (for callers that embed fonts themselves). */
export async function fontBytes(weight: FontWeight): Promise<Uint8Array> {
  return (await loadFont(weight)).bytes;
}

/**
 * Embeds regular and bold DejaVu Sans as subsets: only the glyphs used end up in the
 * file, which keeps a one-page document around 20 KB instead of 700 KB.
 */
export async function embedFonts(doc: PDFDocument): Promise<FontSet> {
  doc.registerFontkit(cachingFontkit);
  await Promise.all([loadFont('regular'), loadFont('bold')]);
  // Embed one after the other: object numbers are handed out as embeds finish, so running
  // them in parallel would let file-read timing reorder objects and change the bytes.
  const regular = await embed(doc, 'regular');
  const bold = await embed(doc, 'bold');
  return { regular, bold };
}

async function embed(doc: PDFDocument, weight: FontWeight): Promise<EmbeddedFont> {
  const { bytes, parsed, tables } = await loadFont(weight);
  const pdf = await doc.embedFont(bytes, {
    subset: true,
    // Ligatures off: "fi" stays two glyphs, so copied and extracted text is what was written.
    features: { liga: false },
    // Fixed subset tag (PDF wants six capitals + "+"); pdf-lib's default is a numbered suffix.
    customName: SUBSET_NAMES[weight],
  });
  useFastSubset(pdf, tables);
  // Digits and common punctuation get the first subset ids in every document, so the
  // subset (and its compressed stream, see deflate.ts) does not change with the order in
  // which an invoice number's digits first appear.
  pdf.encodeText(SUBSET_PRIMER);
  return {
    pdf,
    name: weight === 'bold' ? 'DejaVu Sans Bold' : 'DejaVu Sans',
    hasGlyph: (cp) => parsed.hasGlyphForCodePoint(cp),
  };
}

/** The parts of pdf-lib's (private) subset embedder that useFastSubset touches. */
interface SubsetEmbedder {
  subset?: { glyphs?: number[]; includeGlyph(glyph: { id: number }): number };
  font: { layout(text: string): { glyphs: { id: number }[] } };
  glyphs: unknown[];
  glyphIdMap: Map<number, number>;
  glyphCache: { invalidate(): void };
  encodeText(text: string): PDFHexString;
  serializeFont(): Promise<Uint8Array>;
  widthOfTextAtSize(text: string, size: number): number;
}

/** Makes pdf-lib write the subset with subsetTrueType instead of fontkit's encoder. */
function useFastSubset(font: PDFFont, tables: TrueTypeSource): void {
  const embedder = (font as unknown as { embedder?: SubsetEmbedder }).embedder;
  const glyphs = embedder?.subset?.glyphs;
  if (!embedder || !Array.isArray(glyphs)) {
    throw new Error('pdf-lib no longer has the font subset embedder recflow expects; check src/pdf/fonts.ts against the installed pdf-lib.');
  }
  // Read the list when the document is saved: text drawn until then adds glyphs to it.
  embedder.serializeFont = async () => subsetFor(tables, glyphs);
  useFastEncode(embedder);
  // Word widths repeat across lines and documents; the measure is the same every time.
  const measure = embedder.widthOfTextAtSize.bind(embedder);
  const widths = widthCache(tables);
  embedder.widthOfTextAtSize = (text, size) => {
    let width = widths.get(text);
    if (width === undefined) {
      if (widths.size > 100_000) widths.clear();
      widths.set(text, (width = measure(text, 1000)));
    }
    return (width * size) / 1000;
  };
}

const widthCaches = new WeakMap<TrueTypeSource, Map<string, number>>();
function widthCache(font: TrueTypeSource): Map<string, number> {
  let cache = widthCaches.get(font);
  if (!cache) widthCaches.set(font, (cache = new Map()));
  return cache;
}

/**
 * pdf-lib's encodeText, minus the repeated work: it asks the subset for every glyph of
 * every string and formats each id anew. Here a glyph's 4-digit hex code is kept once it
 * is in the subset. Same subset order, same glyph bookkeeping, same text.
 */
function useFastEncode(embedder: SubsetEmbedder): void {
  const subset = embedder.subset!;
  const hexOf = new Map<number, string>();
  embedder.encodeText = (text) => {
    const { glyphs } = embedder.font.layout(text);
    let hex = '';
    for (const glyph of glyphs) {
      let code = hexOf.get(glyph.id);
      if (code === undefined) {
        const id = subset.includeGlyph(glyph);
        embedder.glyphs[id - 1] = glyph;
        embedder.glyphIdMap.set(glyph.id, id);
        hexOf.set(glyph.id, (code = id.toString(16).padStart(4, '0').toUpperCase()));
      }
      hex += code;
    }
    embedder.glyphCache.invalidate();
    return PDFHexString.of(hex);
  };
}

// A business's documents mostly use the same glyphs in the same order (letterhead and
// labels come first, digits are primed), so the same subset is asked for again and again.
// The same bytes object also lets deflate.ts find its compressed form without hashing.
const subsets = new WeakMap<TrueTypeSource, Map<string, Uint8Array>>();
function subsetFor(tables: TrueTypeSource, glyphs: readonly number[]): Uint8Array {
  let byGlyphs = subsets.get(tables);
  if (!byGlyphs) subsets.set(tables, (byGlyphs = new Map()));
  const key = glyphs.join(',');
  let bytes = byGlyphs.get(key);
  if (!bytes) {
    bytes = subsetTrueType(tables, glyphs);
    if (byGlyphs.size >= 64) byGlyphs.delete(byGlyphs.keys().next().value!);
    byGlyphs.set(key, bytes);
  }
  return bytes;
}
