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

describe('text folding', async () => {
  const { fold, normaliseName } = await import('../../src/receivables/text.js');
  it.each([
    ['Łódź Ștefan Müller Țărău Weiß Ærø', 'LODZ STEFAN MULLER TARAU WEISS AERO'],
    ['plain ascii', 'PLAIN ASCII'],
    ['Ωmega', 'ΩMEGA'],
  ])('fold %s', (text, folded) => expect(fold(text)).toBe(folded));
  it.each([
    ['Jürgen Müller GmbH', 'JURGEN MULLER'],
    ['JUERGEN MUELLER GMBH', 'JURGEN MULLER'],
    ['Paweł Kowalski Sp. z o.o.', 'PAWEL KOWALSKI'],
    ['Ștefan Țărău S.R.L.', 'STEFAN TARAU'],
  ])('normaliseName %s', (text, normal) => expect(normaliseName(text)).toBe(normal));
});
