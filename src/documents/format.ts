// Amounts, dates and numbers as each language writes them, from integers and date strings
// only: no floating point, no Intl (its output changes with the ICU version, and byte-stable
// documents must not).
import { minorUnitExponent } from '../domain/money.js';
import { documentLanguage } from './labels/index.js';
import type { DocumentLanguage } from './types.js';

interface NumberStyle {
  group: string;
  decimal: string;
}

// Polish groups with a no-break space, so an amount never wraps between its digits.
const NUMBERS: Record<DocumentLanguage, NumberStyle> = {
  de: { group: '.', decimal: ',' },
  pl: { group: '\u00a0', decimal: ',' },
  ro: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

const SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£' };
const LOCAL_SYMBOLS: Partial<Record<DocumentLanguage, Record<string, string>>> = { pl: { PLN: 'zł' }, ro: { RON: 'lei' } };

function digits(abs: bigint | number, exp: number, style: NumberStyle): string {
  const text = String(abs).padStart(exp + 1, '0');
  const major = text.slice(0, text.length - exp).replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
  return exp > 0 ? `${major}${style.decimal}${text.slice(text.length - exp)}` : major;
}

/**
 * @example formatAmount(123456, 'EUR', 'de') // '1.234,56 €'
 * @example formatAmount(123456, 'EUR', 'en') // '€1,234.56'
 * @example formatAmount(-5000, 'PLN', 'pl') // '-50,00 zł'
 */
export function formatAmount(minor: number, currency: string, language: string): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`amount must be an integer of minor units, got ${minor}`);
  const lang = documentLanguage(language);
  const sign = minor < 0 ? '-' : '';
  const number = digits(Math.abs(minor), minorUnitExponent(currency), NUMBERS[lang]);
  const symbol = LOCAL_SYMBOLS[lang]?.[currency] ?? SYMBOLS[currency];
  if (lang === 'en') return symbol ? `${sign}${symbol}${number}` : `${sign}${currency}\u00a0${number}`;
  return `${sign}${number}\u00a0${symbol ?? currency}`;
}

/** Thousandths as a decimal: 1500 → "1,5" (de) or "1.5" (en). */
export function formatQuantity(milli: number, language: string): string {
  const style = NUMBERS[documentLanguage(language)];
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const fraction = String(abs % 1000).padStart(3, '0').replace(/0+$/, '');
  const whole = String(Math.floor(abs / 1000)).replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
  return `${sign}${whole}${fraction ? `${style.decimal}${fraction}` : ''}`;
}

/** Basis points as a percentage: 1900 → "19 %" (de), "19%" (en); 550 → "5,5 %". */
export function formatPercent(bp: number, language: string): string {
  const lang = documentLanguage(language);
  const style = NUMBERS[lang];
  const fraction = String(Math.abs(bp) % 100).padStart(2, '0').replace(/0+$/, '');
  const number = `${bp < 0 ? '-' : ''}${Math.floor(Math.abs(bp) / 100)}${fraction ? `${style.decimal}${fraction}` : ''}`;
  return lang === 'en' ? `${number}%` : `${number}\u00a0%`;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-14" → "14.03.2026" (de, pl, ro) or "14 Mar 2026" (en). */
export function formatDate(date: string, language: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (documentLanguage(language) === 'en') return `${Number(d)} ${EN_MONTHS[Number(mo) - 1] ?? mo} ${y}`;
  return `${d}.${mo}.${y}`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
