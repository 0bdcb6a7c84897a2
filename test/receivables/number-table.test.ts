import { describe, expect, it } from 'vitest';
import { NumberTable } from '../../src/receivables/matching/number-table.js';

describe('number table', () => {
  it('finds single and shared positions in dense and sparse years', () => {
    // positions: 0 → 2026/1, 1 → 2026/1 (second part), 2 → 2026/7, 3 → 2025/900000000 (sparse), 4 → not a number
    const t = new NumberTable(Int32Array.from([2026, 2026, 2026, 2025, 0]), Int32Array.from([1, 1, 7, 900_000_000, -1]));
    expect(t.get(2026, 1)).toEqual([0, 1]);
    expect(t.get(2026, 7)).toEqual([2]);
    expect(t.get(2026, 8)).toEqual([]);
    expect(t.get(2026, 99_999_999)).toEqual([]);
    expect(t.get(2025, 900_000_000)).toEqual([3]);
    expect(t.get(2024, 1)).toEqual([]);
  });
});
