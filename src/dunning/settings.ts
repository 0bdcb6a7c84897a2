// A tenant's dunning configuration as the pure core wants it: days per level (branch
// defaults, customer overrides), stops, fees, interest and delivery.
import { localDate, type CalendarDate } from '../domain/dates.js';
import { toMinor } from '../domain/money.js';
import type { Db } from '../platform/db.js';
import type { CustomerDunning, DunningSettings } from '../receivables/dunning/settings.js';
import { GERMAN_DEFAULT_DAYS } from '../receivables/dunning/settings.js';
import type { PaymentOrder } from '../receivables/interest/claim.js';
import type { FeeSettings } from '../receivables/interest/fees.js';
import type { DunningContext } from './context.js';
import { DunningError } from './context.js';

export interface CustomerInfo {
  id: string;
  name: string;
  language: string;
  isBusiness: boolean;
  dunningStop: string | null;
}

export interface TenantDunning {
  tenantId: string;
  timeZone: string;
  delivery: 'send' | 'draft';
  dunning: DunningSettings;
  fees: FeeSettings;
  interest: { charge: boolean; order: PaymentOrder };
  customers: ReadonlyMap<string, CustomerInfo>;
}

/** The tenant's settings; with `customerId`, only that customer's overrides (a run's per-customer step). */
export async function loadTenantDunning(db: Db, tenantId: string, customerId?: string): Promise<TenantDunning> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) throw new DunningError('not_found', `no tenant ${tenantId}`);
  const [branches, customers] = await Promise.all([
    db.branch.findMany({ where: { tenantId } }),
    db.customer.findMany({ where: { tenantId, ...(customerId !== undefined && { id: customerId }) }, select: { id: true, name: true, language: true, isBusiness: true, dunningStop: true, dunningDays1: true, dunningDays2: true, dunningDays3: true } }),
  ]);
  const overrides = new Map<string, CustomerDunning>();
  const info = new Map<string, CustomerInfo>();
  for (const c of customers) {
    const days = {
      ...(c.dunningDays1 !== null && { level1: c.dunningDays1 }),
      ...(c.dunningDays2 !== null && { level2: c.dunningDays2 }),
      ...(c.dunningDays3 !== null && { level3: c.dunningDays3 }),
    };
    overrides.set(c.id, { days, dunningStop: c.dunningStop !== null });
    info.set(c.id, { id: c.id, name: c.name, language: c.language, isBusiness: c.isBusiness, dunningStop: c.dunningStop });
  }
  const fee = (v: bigint | null) => (v === null ? undefined : toMinor(v, 'reminder fee'));
  return {
    tenantId,
    timeZone: tenant.timeZone,
    delivery: tenant.reminderDelivery === 'draft' ? 'draft' : 'send',
    dunning: {
      defaultDays: GERMAN_DEFAULT_DAYS,
      branchDays: new Map(branches.map((b) => [b.id, { level1: b.dunningDays1, level2: b.dunningDays2, level3: b.dunningDays3 }])),
      customers: overrides,
    },
    fees: { reminderFeeMinor: { level2: fee(tenant.reminderFee2Minor), level3: fee(tenant.reminderFee3Minor) }, germanFlatFee: tenant.germanFlatFee },
    interest: { charge: tenant.chargeInterest, order: ['principal-first', 'principal-interest-costs'].includes(tenant.paymentOrder) ? 'principal-interest-costs' : 'costs-interest-principal' },
    customers: info,
  };
}

/** The run date: given, or today in the tenant's time zone. */
export function runDateOf(ctx: DunningContext, t: TenantDunning, date?: CalendarDate): CalendarDate {
  return date ?? localDate(ctx.now?.() ?? new Date(), t.timeZone);
}
