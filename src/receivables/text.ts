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
 */
export function normaliseName(name: string): string {
  return fold(name.toUpperCase().replace(/([AOU])E/g, '$1'))
    .replace(/[^A-Z0-9]+/g, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
