// Durations and money in plain words. Pure: the workflow bundle imports the types.
import { minorUnitExponent } from '../domain/money.js';

/** Calendar months and fixed milliseconds; a wait adds the months first, then the ms. */
export interface Duration {
  months: number;
  ms: number;
}

const UNITS: Record<string, { months?: number; ms?: number }> = {
  m: { ms: 60_000 },
  min: { ms: 60_000 },
  minute: { ms: 60_000 },
  h: { ms: 3_600_000 },
  hour: { ms: 3_600_000 },
  d: { ms: 86_400_000 },
  day: { ms: 86_400_000 },
  w: { ms: 7 * 86_400_000 },
  week: { ms: 7 * 86_400_000 },
  month: { months: 1 },
};

/** The pattern the schema publishes: `14d`, `2 weeks`, `1 month`, `36h`, `90 minutes`. */
export const DURATION_PATTERN = '^\\s*\\d+\\s*(m|min|minutes?|h|hours?|d|days?|w|weeks?|months?)\\s*$';

/**
 * @example parseDuration('2 weeks') // { months: 0, ms: 1_209_600_000 }
 * @example parseDuration('1 month') // { months: 1, ms: 0 }
 */
export function parseDuration(text: string): Duration | undefined {
  const m = /^\s*(\d+)\s*([a-z]+)\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const word = m[2]!;
  const unit = UNITS[word] ?? (word.length > 3 && word.endsWith('s') ? UNITS[word.slice(0, -1)] : undefined);
  if (!unit) return undefined;
  return { months: n * (unit.months ?? 0), ms: n * (unit.ms ?? 0) };
}

/** Adds a duration to an instant (UTC calendar months, day clamped to the month's end). */
export function addDuration(fromMs: number, d: Duration): number {
  const date = new Date(fromMs);
  if (d.months) {
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + d.months);
    const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, last));
  }
  return date.getTime() + d.ms;
}

export function formatDuration(d: Duration): string {
  const parts: string[] = [];
  if (d.months) parts.push(`${d.months} month${d.months === 1 ? '' : 's'}`);
  const days = d.ms / 86_400_000;
  if (Number.isInteger(days) && days > 0) parts.push(`${days} day${days === 1 ? '' : 's'}`);
  else if (d.ms) parts.push(`${Math.round(d.ms / 60_000)} min`);
  return parts.join(' ') || '0 days';
}

export interface Money {
  currency: string;
  minor: number;
}

export const MONEY_PATTERN = '^[A-Z]{3} -?\\d{1,3}(,?\\d{3})*(\\.\\d+)?$';

/**
 * Money as integer minor units, never a float.
 * @example parseMoney('EUR 40.00') // { currency: 'EUR', minor: 4000 }
 * @example parseMoney('RON 1,200.5') // { currency: 'RON', minor: 120050 }
 */
export function parseMoney(text: string): Money | { error: string } {
  const m = /^([A-Z]{3}) (-?)(\d{1,3}(?:,?\d{3})*)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return { error: `"${text}" is not an amount; write a currency code and a number, e.g. EUR 40.00` };
  const [, currency, sign, whole, fraction = ''] = m;
  const exp = minorUnitExponent(currency!);
  if (fraction.length > exp) return { error: `${currency} has ${exp} decimal places; "${text}" has ${fraction.length}` };
  const minor = Number(whole!.replace(/,/g, '') + fraction.padEnd(exp, '0'));
  if (!Number.isSafeInteger(minor)) return { error: `"${text}" is too large` };
  return { currency: currency!, minor: sign ? -minor : minor };
}
