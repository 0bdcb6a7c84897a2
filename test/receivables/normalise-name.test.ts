// normaliseName's character scan must give exactly what the pattern definition (slowName)
// gives: payer names are looked up by it, so any difference loses a match.
import { describe, expect, it } from 'vitest';
import { rng } from '../../bench/receivables-data.js';
import { normaliseName, slowName } from '../../src/receivables/text.js';

const NAMES = [
  'Kunde 7 Müller-Łukasiewicz GmbH', 'MUELLER GMBH & CO. KG', 'Müller e.K.', 'Mueller e K', 'Nowak Sp. z o.o.',
  'Kowalski sp.j.', 'Popescu S.R.L.', 'Ionescu SRL', 'Ștefan Țepeș PFA', 'Øresund ApS', 'Straße AG', 'ACME Ltd.',
  'Smith & Sons LLC', 'Foo Inc', 'Louis XIV II', 'S A Holding', 'Société Générale S.A.', 'Ærø Æble', 'ǅemal',
  '  -- ', '', 'Aeeon Ooe UE', 'Zoë Saldaña', 'Ĳssel', 'ŉ test', 'µ-Tech', 'Ｆｕｌｌｗｉｄｔｈ', 'ﬀ ligature', 'İstanbul', 'ı dotless',
];

describe('normaliseName', () => {
  it('reads names as before', () => {
    expect(normaliseName('Kunde 7 Müller-Łukasiewicz GmbH')).toBe('KUNDE 7 MULLER LUKASIEWICZ');
    expect(normaliseName('MUELLER GMBH & CO. KG')).toBe('MULLER');
    expect(normaliseName('Nowak Sp. z o.o.')).toBe('NOWAK');
  });

  it('equals the pattern definition on sample and random names', () => {
    for (const name of NAMES) expect(normaliseName(name), name).toBe(slowName(name));
    const alphabet = 'aeouAEOUbgkmhisrlpjzcnt0123 .-&,äöüÄÖÜßłŁşșțéèñçøæœÆŒđĐıİǅµŉ×÷ﬀ';
    const r = rng(7);
    for (let i = 0; i < 20_000; i++) {
      let name = '';
      for (let k = Math.floor(r() * 24); k > 0; k--) name += alphabet[Math.floor(r() * alphabet.length)];
      expect(normaliseName(name), JSON.stringify(name)).toBe(slowName(name));
    }
  });
});
