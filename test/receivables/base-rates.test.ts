import { describe, expect, it } from 'vitest';
import { DE_BASE_RATES, germanBaseRates, withAddedRates } from '../../src/receivables/interest/rates.js';
import { loadConfig } from '../../src/platform/config.js';

describe('base rates an operator adds (RECFLOW_BASE_RATES_DE)', () => {
  it('extends the table to the end of the last half-year given, and can correct a period', () => {
    const t = withAddedRates(DE_BASE_RATES, '2026-07-01=1.27; 2027-01-01=-0.5');
    expect(t.knownUntil).toBe('2027-06-30');
    expect(t.periods.slice(-3)).toEqual([{ from: '2026-01-01', rateBp: 127 }, { from: '2026-07-01', rateBp: 127 }, { from: '2027-01-01', rateBp: -50 }]);
    expect(germanBaseRates({}).knownUntil).toBe(DE_BASE_RATES.knownUntil);
    expect(germanBaseRates({ RECFLOW_BASE_RATES_DE: '2026-07-01=1.5' }).knownUntil).toBe('2026-12-31');
  });

  it('refuses a period that does not start a half-year or has no percent, naming the entry', () => {
    expect(() => withAddedRates(DE_BASE_RATES, '2026-08-01=1.27')).toThrow(/base rate "2026-08-01=1.27": write <YYYY>-01-01=<percent>/);
    expect(() => withAddedRates(DE_BASE_RATES, '2026-07-01')).toThrow(/base rate "2026-07-01"/);
    expect(() => loadConfig({ RECFLOW_BASE_RATES_DE: '2026-07-01=abc' })).toThrow(/base rate "2026-07-01=abc"/);
  });
});
