// Text folding shared by matching and parsing: payers write "Müller", "MUELLER" or
// "Muller"; Polish and Romanian names lose their diacritics in many bank systems.

const SPECIAL: Record<string, string> = { ß: 'SS', Ł: 'L', ł: 'L', Ø: 'O', ø: 'O', Đ: 'D', đ: 'D', Æ: 'AE', æ: 'AE', Œ: 'OE', œ: 'OE' };

/** Upper case without diacritics: "Łódź Ștefan Müller" → "LODZ STEFAN MULLER". */
export function fold(text: string): string {
  return text
    .replace(/[ßŁłØøĐđÆæŒœ]/g, (c) => SPECIAL[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
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
