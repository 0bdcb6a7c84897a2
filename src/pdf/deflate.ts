import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

/**
 * pdf-lib compresses every stream (fonts, page content, object streams) with pako, a
 * JavaScript port of zlib; that was the largest part of a document's render time once
 * fonts were cached. Node's own zlib does the same job in native code about four times
 * faster. The output is still a pure function of the input for a given Node version
 * (same zlib build and level); a different Node version may compress the same PDF to
 * different bytes, which is why documents are stored once per key and never rewritten.
 *
 * Large inputs are also remembered by content hash: a business's invoices embed the same
 * font subset again and again (the letterhead and labels bring most glyphs, in the same
 * order), so most documents reuse the compressed font instead of compressing it anew.
 */
export function useNativeDeflate(): void {
  if (patched) return;
  // The pako that pdf-lib itself loads: resolve it from pdf-lib's folder, not ours.
  const fromPdfLib = createRequire(createRequire(import.meta.url).resolve('pdf-lib'));
  const pako = fromPdfLib('pako') as { deflate: (data: Uint8Array, options?: { level?: number }) => Uint8Array };
  pako.deflate = (data, options) => {
    const level = options?.level;
    if (data.length < MEMO_MIN_BYTES) return compress(data, level);
    // The same bytes object again (a font subset from fonts.ts's cache): no need to hash it.
    const same = byInput.get(data);
    if (same && same.level === level) return same.out.slice();
    const key = `${level ?? ''}:${createHash('sha1').update(data).digest('base64')}`;
    const hit = memo.get(key);
    if (hit) {
      // Most recently used goes last; the oldest is first to go.
      memo.delete(key);
      memo.set(key, hit);
      byInput.set(data, { level, out: hit });
      return hit.slice();
    }
    const out = compress(data, level);
    memo.set(key, out.slice());
    byInput.set(data, { level, out: memo.get(key)! });
    if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
    return out;
  };
  patched = true;
}

const MEMO_MIN_BYTES = 4096;
const MEMO_ENTRIES = 64;
const memo = new Map<string, Uint8Array>();
// Inputs are never changed after they are compressed (pdf-lib builds a new array per stream).
const byInput = new WeakMap<Uint8Array, { level: number | undefined; out: Uint8Array }>();
let patched = false;

function compress(data: Uint8Array, level: number | undefined): Uint8Array {
  const out = deflateSync(data, level === undefined ? {} : { level });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
