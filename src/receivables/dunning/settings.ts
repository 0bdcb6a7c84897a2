// Days per level: a default per branch, overridable per customer (seed 003); a dunning
// stop per customer as well as per invoice (disputed, instalments agreed).
import type { DunningDays } from './levels.js';

export interface CustomerDunning {
  /** Overrides of the branch's days, level by level. */
  days?: Partial<DunningDays>;
  dunningStop?: boolean;
}

export interface DunningSettings {
  /** Used when an item's branch has no days of its own (or the item has no branch). */
  defaultDays: DunningDays;
  branchDays?: ReadonlyMap<string, DunningDays>;
  customers?: ReadonlyMap<string, CustomerDunning>;
}

export const GERMAN_DEFAULT_DAYS: DunningDays = { level1: 7, level2: 14, level3: 14 };

export function daysFor(s: DunningSettings, customerId: string, branchId?: string): DunningDays {
  const base = (branchId !== undefined && s.branchDays?.get(branchId)) || s.defaultDays;
  const own = s.customers?.get(customerId)?.days;
  return own ? { ...base, ...own } : base;
}
