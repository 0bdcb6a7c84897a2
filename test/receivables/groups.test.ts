import { describe, expect, it } from 'vitest';
import { findGroups } from '../../src/receivables/matching/groups.js';

describe('groups of 2–4 items summing to a payment', () => {
  it.each([
    [[100, 200, 300], 500, { count: 1, group: [1, 2] }],
    [[100, 200, 300], 600, { count: 1, group: [0, 1, 2] }],
    [[100, 200, 300, 400], 1000, { count: 1, group: [0, 1, 2, 3] }],
    [[100, 200, 300, 400], 700, { count: 2 }],
    [[100, 100, 300], 400, { count: 2 }],
    [[100, 200], 50, { count: 0 }],
    [[1, 2, 4, 8, 16], 31, { count: 0 }],
  ])('%j → %i', (amounts, target, expected) => expect(findGroups(amounts, target)).toEqual(expected));

  it('stays fast on 400 items', () => {
    const amounts = Array.from({ length: 400 }, (_, i) => 1_000_000 + i * 7919);
    const t0 = performance.now();
    findGroups(amounts, 1);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
