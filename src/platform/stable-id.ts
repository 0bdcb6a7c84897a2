import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id that is the same for the same key: a row whose insert may be retried
 * takes it, and the second insert fails on the primary key instead of adding a twin.
 * @example stableId('rule-fired:rule/x/opportunity:1:ev-7') // '3f2a…-…'
 */
export function stableId(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
