// IBAN and ISO 11649 creditor reference (RF…) both carry ISO 7064 mod 97-10 check
// digits: move the first four characters to the end, letters become 10–35, remainder 1.

/** Mod 97 of an alphanumeric string read as a number with A=10 … Z=35. */
function mod97(s: string): number {
  let r = 0;
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    const v = code >= 65 ? code - 55 : code - 48;
    r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
  }
  return r;
}

/** Upper case without spaces: "de89 3704 0044 0532 0130 00" → "DE89370400440532013000". */
export function normaliseIban(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

export function isValidIban(text: string): boolean {
  const s = normaliseIban(text);
  return /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s) && mod97(s.slice(4) + s.slice(0, 4)) === 1;
}

/**
 * True for a well-formed ISO 11649 reference: RF, two check digits, 1–21 alphanumerics.
 * @example isValidCreditorReference('RF18 5390 0754 7034') // true
 */
export function isValidCreditorReference(text: string): boolean {
  const s = text.replace(/\s/g, '').toUpperCase();
  return /^RF\d{2}[A-Z0-9]{1,21}$/.test(s) && mod97(s.slice(4) + s.slice(0, 4)) === 1;
}

/** Builds RF check digits for a reference (used by tests and by invoices that print one). */
export function creditorReference(ref: string): string {
  const body = ref.replace(/\s/g, '').toUpperCase();
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

/** The first valid RF reference in free text ("RF18 5390 0754 7034" with spaces allowed). */
export function findCreditorReference(text: string): string | undefined {
  for (const m of text.toUpperCase().matchAll(/\bRF\d{2}(?: ?[A-Z0-9]{1,4}){1,6}\b/g)) {
    const candidate = m[0].replace(/\s/g, '');
    if (isValidCreditorReference(candidate)) return candidate;
  }
  return undefined;
}
