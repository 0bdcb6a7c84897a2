// Statement amounts are decimal text ("1.234,56", "-12.5", "1 000,00"); they become
// integer minor units by string surgery, never through a float.
import { minorUnitExponent } from '../../domain/money.js';

export interface NumberStyle {
  decimal: ',' | '.';
  /** Grouping character(s) to ignore, e.g. "." or " " or "'"; empty for none. */
  thousands: string;
}

const COMMA = /^(\d+)(?:,(\d*))?$/;
const POINT = /^(\d+)(?:\.(\d*))?$/;

/**
 * Parses a signed decimal into minor units of `currency`; throws with a reason.
 * @example parseAmount('-1.234,5', { decimal: ',', thousands: '.' }, 'EUR') // -123450
 */
export function parseAmount(text: string, style: NumberStyle, currency: string): number {
  let s = text.trim().replace(/[\u00a0\u202f]/g, ' ');
  for (const ch of style.thousands) s = s.split(ch).join('');
  let negative = false;
  if (/^[-−]/.test(s)) { negative = true; s = s.slice(1); }
  else if (s.startsWith('+')) s = s.slice(1);
  else if (s.endsWith('-')) { negative = true; s = s.slice(0, -1); } // "12,50-" as some banks write it
  s = s.trim();
  const exp = minorUnitExponent(currency);
  const m = (style.decimal === ',' ? COMMA : POINT).exec(s);
  if (!m) throw new Error(`"${text}" is not an amount (decimal ${style.decimal === ',' ? 'comma' : 'point'}${style.thousands ? `, thousands "${style.thousands}"` : ''})`);
  const frac = m[2] ?? '';
  if (frac.length > exp) {
    if (/[^0]/.test(frac.slice(exp))) throw new Error(`"${text}" has more than ${exp} decimals for ${currency}`);
  }
  const minor = Number(m[1]! + frac.slice(0, exp).padEnd(exp, '0'));
  if (!Number.isSafeInteger(minor)) throw new Error(`"${text}" is too large`);
  return negative ? -minor : minor;
}
