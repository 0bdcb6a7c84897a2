/** Minor units per major unit, by ISO 4217 code; two unless listed. */
const EXPONENT: Record<string, number> = { JPY: 0, KRW: 0, HUF: 2, BHD: 3, KWD: 3 };

export function minorUnitExponent(currency: string): number {
  return EXPONENT[currency] ?? 2;
}

/**
 * Formats integer minor units without floating point.
 * @example formatMoney(123456, 'EUR') // 'EUR 1,234.56'
 */
export function formatMoney(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`money must be an integer of minor units, got ${minor}`);
  const exp = minorUnitExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  const major = digits.slice(0, digits.length - exp).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = exp > 0 ? `.${digits.slice(digits.length - exp)}` : '';
  return `${sign}${currency} ${major}${fraction}`;
}
