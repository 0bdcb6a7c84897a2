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
  if (date > table.knownUntil) throw new Error(`the base rate for ${date} is not known (the table ends ${table.knownUntil}); add the new period`);
  let rate: number | undefined;
  for (const p of table.periods) if (p.from <= date) rate = p.rateBp;
  if (rate === undefined) throw new Error(`the base rate table starts after ${date}`);
  return rate;
}
