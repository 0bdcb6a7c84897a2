// Money is an integer number of minor units (cents) plus an ISO 4217 code, never a float.
// In memory amounts are JS numbers that must be safe integers (±9·10^15 minor units);
// in the database invoice amounts are BigInt columns, because Int is 32-bit on PostgreSQL
// (±21 million in cents — one large HUF or KRW invoice would overflow it).

/** Minor units per major unit, by ISO 4217 code; two unless listed. */
const EXPONENT: Record<string, number> = { JPY: 0, KRW: 0, HUF: 2, BHD: 3, KWD: 3 };

export function minorUnitExponent(currency: string): number {
  return EXPONENT[currency] ?? 2;
}

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** Throws unless `minor` is a safe integer: the one check every amount passes. */
export function assertMinor(minor: number, what = 'amount'): number {
  if (!Number.isSafeInteger(minor)) throw new Error(`${what} must be an integer of minor units, got ${minor}`);
  return minor;
}

/**
 * Formats integer minor units without floating point.
 * @example formatMoney(123456, 'EUR') // 'EUR 1,234.56'
 */
export function formatMoney(minor: number, currency: string): string {
  return `${minor < 0 ? '-' : ''}${currency} ${formatMajor(Math.abs(assertMinor(minor, 'money')), currency, ',')}`;
}

/**
 * The plain decimal of an amount, as accountants' CSV files want it.
 * @example formatDecimal(-120050, 'RON') // '-1200.50'
 */
export function formatDecimal(minor: number, currency: string): string {
  return `${minor < 0 ? '-' : ''}${formatMajor(Math.abs(assertMinor(minor)), currency, '')}`;
}

function formatMajor(abs: number, currency: string, grouping: string): string {
  const exp = minorUnitExponent(currency);
  const digits = String(abs).padStart(exp + 1, '0');
  const major = digits.slice(0, digits.length - exp).replace(/\B(?=(\d{3})+(?!\d))/g, grouping);
  return exp > 0 ? `${major}.${digits.slice(digits.length - exp)}` : major;
}

/**
 * n / d rounded half away from zero, in BigInt so products of prices, quantities and
 * rates never lose precision.
 * @example divRound(5n, 2n) // 3n;  divRound(-5n, 2n) // -3n
 */
export function divRound(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('divRound needs a positive divisor');
  const sign = n < 0n ? -1n : 1n;
  const abs = n * sign;
  return sign * ((abs + d / 2n) / d);
}

/** Back from BigInt to a safe-integer number, or an error naming the amount. */
export function toMinor(n: bigint, what = 'amount'): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error(`${what} is too large: ${n}`);
  return Number(n);
}
