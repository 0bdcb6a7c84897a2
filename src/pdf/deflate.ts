import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

/**
 * pdf-lib compresses every stream (fonts, page content, object streams) with pako, a
 * JavaScript port of zlib; that was the largest part of a document's render time once
 * fonts were cached. Node's own zlib does the same job in native code about four times
 * faster. The output is still a pure function of the input for a given Node version
 * (same zlib build and level); a different Node version may compress the same PDF to
 * different bytes, which is why documents are stored once per key and never rewritten.
 */
export function useNativeDeflate(): void {
  if (patched) return;
  // The pako that pdf-lib itself loads: resolve it from pdf-lib's folder, not ours.
  const fromPdfLib = createRequire(createRequire(import.meta.url).resolve('pdf-lib'));
  const pako = fromPdfLib('pako') as { deflate: (data: Uint8Array, options?: { level?: number }) => Uint8Array };
  pako.deflate = (data, options) => {
    const out = deflateSync(data, options?.level === undefined ? {} : { level: options.level });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  };
  patched = true;
}

let patched = false;
