import { createRequire } from 'node:module';

/**
 * pdf-lib turns every number it writes (positions, sizes, colours, glyph widths) into
 * text with numberToString, which splits the string twice to look for an exponent: about
 * a tenth of a one-page invoice's render time. For a number whose String() has no
 * exponent — all of ours — that function returns String(n) unchanged, so this checks for
 * an "e" first and hands only the rare rest to the original. Same output, byte for byte.
 */
export function useFastNumberText(): void {
  if (patched) return;
  // PDFNumber reads numberToString from pdf-lib's utils index at call time.
  const utils = createRequire(createRequire(import.meta.url).resolve('pdf-lib'))('./utils/index.js') as { numberToString: (n: number) => string };
  const original = utils.numberToString;
  if (typeof original !== 'function') throw new Error('pdf-lib no longer has utils.numberToString; check src/pdf/numbers.ts against the installed pdf-lib.');
  utils.numberToString = (n: number) => {
    const text = String(n);
    return text.includes('e') ? original(n) : text;
  };
  patched = true;
}

let patched = false;
