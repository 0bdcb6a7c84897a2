// The tenant clock (workflow id clock/<tenantId>): once a day at a fixed local time it has
// an activity record the day's invoice/due-soon and invoice/overdue events (the outbox; the
// dispatcher fires the rules). Its timers are durable, so days missed while everything was
// down are caught up on the next tick, and on the time-skipping test server it runs in
// simulated days. The engine sends the offsets the rules use at start and on every reload.
import { condition, continueAsNew, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ClockOffsets } from '../activities/clock.js';
import type { Activities } from '../activities/index.js';

export interface TenantClockInput {
  tenantId: string;
  offsets: ClockOffsets;
  /** Local time of day of the tick, HH:MM; 06:00 by default. */
  at?: string;
  /** The last day covered (carried across continue-as-new). */
  lastDay?: string;
}

/** New offsets from the rules in force; the clock covers the current day again with them. */
export const clockOffsetsSignal = defineSignal<[ClockOffsets]>('offsets');

/** The last day covered and the offsets in use (operators, tests). */
export const clockStateQuery = defineQuery<{ lastDay?: string; offsets: ClockOffsets }>('clockState');

const { clockTick } = proxyActivities<Pick<Activities, 'clockTick'>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2 },
});

/** Ticks per run before continuing as new, so the history stays short. */
const TICKS_PER_RUN = 60;

export async function tenantClock(input: TenantClockInput): Promise<void> {
  let offsets = input.offsets;
  let lastDay = input.lastDay;
  let redo = false;
  setHandler(clockOffsetsSignal, (next) => {
    if (JSON.stringify(next) !== JSON.stringify(offsets)) (offsets = next), (redo = true);
  });
  setHandler(clockStateQuery, () => ({ ...(lastDay ? { lastDay } : {}), offsets }));
  const at = input.at ?? '06:00';
  for (let tick = 0; tick < TICKS_PER_RUN; tick++) {
    const covering = redo;
    redo = false;
    const result = await clockTick({ tenantId: input.tenantId, offsets, at, now: Date.now(), ...(lastDay ? { lastDay } : {}), ...(covering ? { redo: true } : {}) });
    lastDay = result.lastDay || lastDay;
    await condition(() => redo, Math.max(1000, result.nextAt - Date.now()));
  }
  await continueAsNew<typeof tenantClock>({ ...input, offsets, ...(lastDay ? { lastDay } : {}) });
}
