/**
 * A TrueType subsetter that copies table bytes instead of decoding and re-encoding them.
 *
 * fontkit's subsetter (what pdf-lib uses) rebuilds every table through its struct
 * encoder and hands the result over after a timer tick, which cost several milliseconds
 * per font per document. This one slices glyph data straight out of `glyf`, renumbers
 * composite glyph components, and writes the tables a PDF needs (ISO 32000 9.9: head,
 * hhea, hmtx, loca, maxp, glyf and the hinting tables cvt, fpgm, prep). The output
 * depends only on the font and the glyph list, so it is byte-stable.
 */

export interface TrueTypeSource {
  bytes: Uint8Array;
  tables: Map<string, Uint8Array>;
  glyphOffsets: Uint32Array;
  numberOfHMetrics: number;
}

const COPIED = ['cvt ', 'fpgm', 'prep'] as const;

export function readTrueType(bytes: Uint8Array): TrueTypeSource {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0, n = view.getUint16(4); i < n; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(...bytes.subarray(at, at + 4));
    tables.set(tag, bytes.subarray(view.getUint32(at + 8), view.getUint32(at + 8) + view.getUint32(at + 12)));
  }
  const need = (tag: string) => {
    const t = tables.get(tag);
    if (!t) throw new Error(`font has no "${tag}" table, so it cannot be subset for a PDF`);
    return new DataView(t.buffer, t.byteOffset, t.byteLength);
  };
  const numGlyphs = need('maxp').getUint16(4);
  const longLoca = need('head').getInt16(50) === 1;
  const loca = need('loca');
  const glyphOffsets = new Uint32Array(numGlyphs + 1);
  for (let g = 0; g <= numGlyphs; g++) glyphOffsets[g] = longLoca ? loca.getUint32(4 * g) : 2 * loca.getUint16(2 * g);
  return { bytes, tables, glyphOffsets, numberOfHMetrics: need('hhea').getUint16(34) };
}

/**
 * A font holding `glyphIds` in that order (new id = index); components of composite
 * glyphs are appended after them. `glyphIds[0]` should be 0 (.notdef).
 */
export function subsetTrueType(font: TrueTypeSource, glyphIds: readonly number[]): Uint8Array {
  const order = [...glyphIds];
  const newId = new Map<number, number>(order.map((g, i) => [g, i]));
  const include = (g: number) => {
    let id = newId.get(g);
    if (id === undefined) {
      id = order.length;
      order.push(g);
      newId.set(g, id);
    }
    return id;
  };
  const glyf = font.tables.get('glyf')!;
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < order.length; i++) {
    const g = order[i]!;
    const data = glyf.slice(font.glyphOffsets[g]!, font.glyphOffsets[g + 1]!);
    if (data.length >= 10 && new DataView(data.buffer).getInt16(0) < 0) renumberComponents(data, include);
    pieces.push(data);
  }
  const padded = pieces.map((p) => p.length + ((4 - (p.length % 4)) % 4));
  const glyfOut = new Uint8Array(padded.reduce((a, b) => a + b, 0));
  const locaOut = new DataView(new ArrayBuffer(4 * (order.length + 1)));
  let offset = 0;
  pieces.forEach((p, i) => {
    locaOut.setUint32(4 * i, offset);
    glyfOut.set(p, offset);
    offset += padded[i]!;
  });
  locaOut.setUint32(4 * order.length, offset);

  const hmtx = new DataView(new ArrayBuffer(4 * order.length));
  const src = font.tables.get('hmtx')!;
  const srcView = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const last = font.numberOfHMetrics - 1;
  order.forEach((g, i) => {
    hmtx.setUint16(4 * i, srcView.getUint16(4 * Math.min(g, last)));
    const lsb = g <= last ? srcView.getInt16(4 * g + 2) : srcView.getInt16(4 * font.numberOfHMetrics + 2 * (g - font.numberOfHMetrics));
    hmtx.setInt16(4 * i + 2, lsb);
  });

  const head = font.tables.get('head')!.slice();
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment, filled in by writeFont
  headView.setInt16(50, 1); // long loca offsets
  const hhea = font.tables.get('hhea')!.slice();
  new DataView(hhea.buffer).setUint16(34, order.length);
  const maxp = font.tables.get('maxp')!.slice();
  new DataView(maxp.buffer).setUint16(4, order.length);

  const out = new Map<string, Uint8Array>([
    ['glyf', glyfOut],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', new Uint8Array(hmtx.buffer)],
    ['loca', new Uint8Array(locaOut.buffer)],
    ['maxp', maxp],
  ]);
  for (const tag of COPIED) {
    const t = font.tables.get(tag);
    if (t) out.set(tag, t);
  }
  return writeFont(out);
}

// Composite glyph flags (OpenType glyf table).
const ARG_WORDS = 0x1;
const SCALE = 0x8;
const MORE = 0x20;
const XY_SCALE = 0x40;
const TWO_BY_TWO = 0x80;

function renumberComponents(data: Uint8Array, include: (g: number) => number): void {
  const view = new DataView(data.buffer);
  let at = 10;
  for (;;) {
    const flags = view.getUint16(at);
    view.setUint16(at + 2, include(view.getUint16(at + 2)));
    at += 4 + (flags & ARG_WORDS ? 4 : 2);
    at += flags & SCALE ? 2 : flags & XY_SCALE ? 4 : flags & TWO_BY_TWO ? 8 : 0;
    if (!(flags & MORE)) return;
  }
}

function writeFont(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const pad = (n: number) => n + ((4 - (n % 4)) % 4);
  const headerSize = 12 + 16 * tags.length;
  const size = tags.reduce((sum, t) => sum + pad(tables.get(t)!.length), headerSize);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(tags.length));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tags.length);
  view.setUint16(6, 16 * 2 ** entrySelector);
  view.setUint16(8, entrySelector);
  view.setUint16(10, 16 * tags.length - 16 * 2 ** entrySelector);
  let offset = headerSize;
  let headAt = 0;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const at = 12 + 16 * i;
    for (let c = 0; c < 4; c++) out[at + c] = tag.charCodeAt(c);
    out.set(data, offset);
    view.setUint32(at + 4, checksum(view, offset, pad(data.length)));
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, data.length);
    if (tag === 'head') headAt = offset;
    offset += pad(data.length);
  });
  view.setUint32(headAt + 8, (0xb1b0afba - checksum(view, 0, size)) >>> 0);
  return out;
}

/** Sum of big-endian words; the bytes after a table up to the next 4-byte boundary are zero. */
function checksum(view: DataView, offset: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i += 4) sum = (sum + view.getUint32(offset + i)) >>> 0;
  return sum;
}
