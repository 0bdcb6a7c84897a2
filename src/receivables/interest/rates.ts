// Base rates for statutory default interest. Germany: Basiszinssatz (§ 247 BGB), set by
// the Bundesbank every 1 January and 1 July. A table knows its rates only up to
// `knownUntil`; computing beyond it is refused rather than silently using an old rate.
import type { CalendarDate } from '../../domain/dates.js';

export interface RatePeriod {
  from: CalendarDate;
  /** Annual rate in basis points (1.27 % = 127); may be negative. */
  rateBp: number;
}

export interface BaseRateTable {
  periods: readonly RatePeriod[];
  knownUntil: CalendarDate;
}

/** Update from https://www.bundesbank.de/basiszinssatz every January and July. */
export const DE_BASE_RATES: BaseRateTable = {
  periods: [
    { from: '2016-07-01', rateBp: -88 },
    { from: '2023-01-01', rateBp: 162 },
    { from: '2023-07-01', rateBp: 312 },
    { from: '2024-01-01', rateBp: 362 },
    { from: '2024-07-01', rateBp: 337 },
    { from: '2025-01-01', rateBp: 227 },
    { from: '2025-07-01', rateBp: 127 },
    // Bundesbank announcement of 24 Dec 2025: unchanged at 1.27 % (the ECB main
    // refinancing rate stayed at 2.15 % since the July 2025 change).
    { from: '2026-01-01', rateBp: 127 },
    // 1 July 2026: NOT KNOWN with certainty here (no source found when this table was
    // last updated), so the table ends on 30 June 2026 and interest after that date is
    // refused rather than guessed. Add { from: '2026-07-01', rateBp: … } from
    // https://www.bundesbank.de/basiszinssatz and move knownUntil.
  ],
  knownUntil: '2026-06-30',
};

export type CustomerKind = 'business' | 'consumer';

/** § 288 BGB: base rate + 9 points between businesses, + 5 points with a consumer. */
export function statutoryMarginBp(kind: CustomerKind): number {
  return kind === 'business' ? 900 : 500;
}

/** The base rate on a date; throws outside the table. */
export function rateOn(table: BaseRateTable, date: CalendarDate): number {
  if (date > table.knownUntil) throw new Error(`the base rate for ${date} is not known (the table ends ${table.knownUntil}); add the new period, e.g. RECFLOW_BASE_RATES_DE=2026-07-01=<percent> from bundesbank.de/basiszinssatz`);
  let rate: number | undefined;
  for (const p of table.periods) if (p.from <= date) rate = p.rateBp;
  if (rate === undefined) throw new Error(`the base rate table starts after ${date}`);
  return rate;
}

/**
 * Base rates the operator adds without a release, e.g. "2026-07-01=1.27;2027-01-01=1.02"
 * (RECFLOW_BASE_RATES_DE): each starts a half-year (1 January or 1 July) and the table
 * becomes known to the end of the last one.
 * @example withAddedRates(DE_BASE_RATES, '2026-07-01=1.27').knownUntil // '2026-12-31'
 */
export function withAddedRates(table: BaseRateTable, spec: string | undefined): BaseRateTable {
  if (!spec?.trim()) return table;
  const added = spec.split(/[;,\s]+/).filter(Boolean).map((entry) => {
    const m = /^(\d{4})-(01|07)-01=(-?\d+(?:\.\d{1,2})?)$/.exec(entry);
    if (!m) throw new Error(`base rate "${entry}": write <YYYY>-01-01=<percent> or <YYYY>-07-01=<percent>, e.g. 2026-07-01=1.27`);
    return { from: `${m[1]}-${m[2]}-01`, rateBp: Math.round(Number(m[3]) * 100), end: m[2] === '01' ? `${m[1]}-06-30` : `${m[1]}-12-31` };
  });
  const byFrom = new Map(table.periods.map((p) => [p.from, p.rateBp]));
  for (const a of added) byFrom.set(a.from, a.rateBp);
  const periods = [...byFrom].sort(([a], [b]) => (a < b ? -1 : 1)).map(([from, rateBp]) => ({ from, rateBp }));
  const knownUntil = added.reduce((max, a) => (a.end > max ? a.end : max), table.knownUntil);
  return { periods, knownUntil };
}

/** The German table with the operator's additions (RECFLOW_BASE_RATES_DE). */
export function germanBaseRates(env: NodeJS.ProcessEnv = process.env): BaseRateTable {
  // Dunning asks once per invoice part: parse the setting once, not per row.
  const spec = env.RECFLOW_BASE_RATES_DE;
  if (!germanCache || germanCache.spec !== spec) germanCache = { spec, table: withAddedRates(DE_BASE_RATES, spec) };
  return germanCache.table;
}
let germanCache: { spec: string | undefined; table: BaseRateTable } | undefined;
