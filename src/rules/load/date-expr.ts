import { findFact } from '../facts.js';
import type { DateExpr } from '../snapshot.js';
import { parseDuration } from '../words.js';

/**
 * `until:` of a wait: a date fact or a date, optionally shifted.
 * @example parseDateExpr('invoice.dueDate + 3d')
 * @example parseDateExpr('2026-01-31')
 */
export function parseDateExpr(text: string): DateExpr | { message: string; fix: string } {
  const m = /^\s*([A-Za-z][\w.]*|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z)?)\s*(?:([+-])\s*(.+?))?\s*$/.exec(text);
  const fix = 'write a date fact or a date, optionally with + or - a duration: event.occurredAt + 14d, 2026-01-31';
  if (!m) return { message: `"${text}" is not a date`, fix };
  const [, base, sign, shiftText] = m;
  const shift = shiftText ? parseDuration(shiftText) : { months: 0, ms: 0 };
  if (!shift) return { message: `"${shiftText}" is not a duration`, fix };
  const common = { shift, sign: sign === '-' ? (-1 as const) : (1 as const), text: text.trim() };
  if (/^\d/.test(base!)) {
    const date = base!.length === 10 ? `${base}T00:00:00Z` : base!;
    return Number.isNaN(Date.parse(date)) ? { message: `"${base}" is not a calendar date`, fix } : { ...common, date };
  }
  const fact = findFact(base!);
  if (!fact || fact.type !== 'date') return { message: `"${base}" is not a date fact`, fix };
  if (!fact.available) return { message: `the fact "${base}" is declared but not available yet`, fix: 'it comes with a later feature; use a duration for now' };
  return { ...common, fact: base! };
}
