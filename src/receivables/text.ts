// Text folding shared by matching and parsing: payers write "Müller", "MUELLER" or
// "Muller"; Polish and Romanian names lose their diacritics in many bank systems.

const SPECIAL: Record<string, string> = { ß: 'SS', Ł: 'L', ł: 'L', Ø: 'O', ø: 'O', Đ: 'D', đ: 'D', Æ: 'AE', æ: 'AE', Œ: 'OE', œ: 'OE' };

/** Folded upper case per character of U+0080–U+024F (Latin-1 and Latin Extended A/B), built once. */
const TABLE: string[] = [];
for (let code = 0x80; code <= 0x24f; code++) {
  const ch = String.fromCharCode(code);
  TABLE[code] = SPECIAL[ch] ?? ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
}

/** Upper case without diacritics: "Łódź Ștefan Müller" → "LODZ STEFAN MULLER". */
export function fold(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    out += text.slice(from, i) + (code <= 0x24f ? TABLE[code]! : text[i]!);
    from = i + 1;
  }
  return (from === 0 ? text : out + text.slice(from)).toUpperCase();
}

const LEGAL_FORMS = /\b(GMBH|AG|KG|OHG|UG|E ?K|MBH|CO|SP Z O ?O|SP J|SA|S ?A|SRL|S ?R ?L|PFA|II|LTD|LLC|INC)\b/g;

/**
 * A payer name reduced for comparison: folded, umlauts as bank systems write them
 * ("MUELLER" and "MÜLLER" both → "MULLER"), legal forms and punctuation dropped.
 * One character scan for the usual names (matching reduces 100k of them per import);
 * names it cannot settle alone take the pattern path, which defines the result.
 */
export function normaliseName(name: string): string {
  return fastName(name) ?? slowName(name);
}

/** The definition: fastName must return exactly this or undefined. */
export function slowName(name: string): string {
  return fold(name.toUpperCase().replace(/([AOU])E/g, '$1'))
    .replace(/[^A-Z0-9]+/g, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Per character of U+0080–U+024F, its upper case folded (as slowName would see it), or
 * undefined where upper-casing yields A/E/O/U (the umlaut rule would then see it) or
 * leaves the table's range.
 */
const UPPER_FOLDED: (string | undefined)[] = [];
for (let code = 0x80; code <= 0x24f; code++) {
  const upper = String.fromCharCode(code).toUpperCase();
  const safe = !/[AEOU]/.test(upper) && [...upper].every((ch) => ch.charCodeAt(0) <= 0x24f);
  UPPER_FOLDED[code] = safe ? fold(upper) : undefined;
}

/** Words packed base 128 (A-Z, 0-9 fit in 7 bits): legal forms of one word, and the
 *  first words of those of several (E K, SP Z O O, S A, S R L), for which the pattern path decides. */
const pack = (word: string) => [...word].reduce((k, ch) => k * 128 + ch.charCodeAt(0), 0);
const LEGAL_WORDS = new Set(['GMBH', 'AG', 'KG', 'OHG', 'UG', 'EK', 'MBH', 'CO', 'SA', 'SRL', 'PFA', 'II', 'LTD', 'LLC', 'INC'].map(pack));
const FORM_STARTS = new Set(['E', 'SP', 'S', 'SR'].map(pack));

/** The name's characters go to a byte buffer (the result is ASCII), words separated by one space. */
let buffer = new Uint8Array(256);

function fastName(name: string): string | undefined {
  const n = name.length;
  if (buffer.length < 4 * n + 4) buffer = new Uint8Array(4 * n + 4);
  const buf = buffer;
  let len = 0;
  let wordStart = 0;
  let key = 0; // the current word packed, while it has at most 4 characters
  for (let i = 0; i <= n; i++) {
    const code = i < n ? name.charCodeAt(i) : 32;
    let up: string | undefined;
    if (code < 0x80) {
      const c = code >= 97 && code <= 122 ? code - 32 : code;
      if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
        // "AE", "OE", "UE" → "A", "O", "U" (on the upper-cased text, before folding)
        if ((c === 65 || c === 79 || c === 85) && i + 1 < n) {
          const next = name.charCodeAt(i + 1);
          if (next === 69 || next === 101) i++;
        }
        if (len - wordStart < 4) key = key * 128 + c;
        buf[len++] = c;
        continue;
      }
    } else {
      if (code > 0x24f) return undefined;
      up = UPPER_FOLDED[code];
      if (up === undefined) return undefined;
    }
    // A separator, or a folded character that may be several letters or a separator.
    for (let k = 0; k < (up === undefined ? 1 : up.length); k++) {
      const c = up === undefined ? 32 : up.charCodeAt(k);
      if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
        if (len - wordStart < 4) key = key * 128 + c;
        buf[len++] = c;
      } else if (len > wordStart) {
        const wordLength = len - wordStart;
        if (wordLength <= 4 && FORM_STARTS.has(key)) return undefined;
        if (wordLength <= 4 && LEGAL_WORDS.has(key)) len = wordStart;
        else buf[len++] = 32;
        wordStart = len;
        key = 0;
      }
    }
  }
  if (len > 0) len--; // the space after the last word
  let out = '';
  for (let i = 0; i < len; i += 4096) out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(len, i + 4096)) as unknown as number[]);
  return out;
}
