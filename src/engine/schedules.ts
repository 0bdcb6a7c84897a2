// Rules with `when: { event: schedule }` get one Temporal Schedule each, id
// `rule-schedule/<ruleId>`, kept in step with the rules in force: created or updated on
// every load and reload, deleted when the rule goes. A due schedule starts
// ruleScheduleFired, which records one `schedule` domain event per tenant; the event
// dispatcher turns each into a rule run like any other event.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleSpec } from '@temporalio/client';
import type { Db } from '../platform/db.js';
import { scheduleSpec } from '../recurring/spec.js';
import type { CompiledRule } from '../rules/snapshot.js';
import type { ruleScheduleFired } from '../../workflows/rule-schedule.js';

const PREFIX = 'rule-schedule/';
export const ruleScheduleId = (ruleId: string) => `${PREFIX}${ruleId}`;

/**
 * When a rule's schedule fires. every/day/at: the months of the cycle counted from January
 * (every 3 months → January, April, July, October), day 1 and 09:00 by default; day 29–31
 * falls on the last day of shorter months. cron: as written, in the same time zone.
 */
export function ruleScheduleSpec(rule: CompiledRule, timeZone: string): ScheduleSpec {
  const s = rule.when.schedule;
  if (!s) throw new Error(`rule ${rule.id} has no schedule trigger`);
  if (s.cron) return { cronExpressions: [s.cron], timezone: timeZone };
  const { startAt: _, ...spec } = scheduleSpec({ everyMonths: s.everyMonths ?? 1, dayOfMonth: s.day ?? 1, at: s.at ?? '09:00', startDate: '2000-01-01', timeZone });
  return spec;
}

/**
 * The time zone rule schedules run in: the tenants' zone when they share one (the usual
 * single-business install), else UTC — rules are shared by all tenants, a schedule has one zone.
 */
export async function scheduleTimeZone(db: Db): Promise<string> {
  const zones = [...new Set((await db.tenant.findMany({ select: { timeZone: true } })).map((t) => t.timeZone))];
  return zones.length === 1 ? zones[0]! : 'UTC';
}

export interface SyncResult {
  created: string[];
  updated: string[];
  deleted: string[];
  /** Rules whose schedule Temporal refused (logged); the others are synced. */
  failed: string[];
}

/** Makes the rule schedules match `rules`. Idempotent: a second call with the same rules changes nothing. */
export async function syncRuleSchedules(opts: { client: Client; taskQueue: string; db: Db; rules: readonly CompiledRule[]; log?: (m: string) => void }): Promise<SyncResult> {
  const { client, taskQueue } = opts;
  const result: SyncResult = { created: [], updated: [], deleted: [], failed: [] };
  const timeZone = await scheduleTimeZone(opts.db);
  const wanted = opts.rules.filter((r) => r.when.event === 'schedule' && r.when.schedule);
  for (const rule of wanted) {
    const scheduleId = ruleScheduleId(rule.id);
    try {
      await upsert(rule);
    } catch (err) {
      // One rule's bad schedule (e.g. a cron Temporal refuses) must not keep the others from syncing.
      result.failed.push(scheduleId);
      opts.log?.(`rule ${rule.id}: its schedule could not be made: ${(err as Error).message}`);
    }
  }
  async function upsert(rule: CompiledRule): Promise<void> {
    const scheduleId = ruleScheduleId(rule.id);
    const spec = ruleScheduleSpec(rule, timeZone);
    const input: Parameters<typeof ruleScheduleFired>[0] = { ruleId: rule.id, ruleHash: rule.hash, timeZone };
    const action = {
      type: 'startWorkflow' as const,
      workflowType: 'ruleScheduleFired' satisfies (typeof ruleScheduleFired)['name'],
      workflowId: `${scheduleId}/fired`,
      taskQueue,
      args: [input],
      staticSummary: `rule ${rule.id}: record the schedule event for every tenant`,
    };
    const handle = client.schedule.getHandle(scheduleId);
    try {
      const current = await handle.describe();
      const args = current.action.args?.[0] as typeof input | undefined;
      if (args?.ruleHash === rule.hash && args.timeZone === timeZone) return;
      await handle.update((prev) => ({ ...prev, spec, action, state: { ...prev.state, note: noteFor(rule) } }));
      result.updated.push(scheduleId);
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
      try {
        await client.schedule.create({
          scheduleId,
          spec,
          action,
          // A tick missed while Temporal was down still runs within a day; never two at once.
          policies: { overlap: 'BUFFER_ONE', catchupWindow: '1 day' },
          memo: { ruleId: rule.id },
          state: { note: noteFor(rule) },
        });
        result.created.push(scheduleId);
      } catch (e) {
        if (!(e instanceof ScheduleAlreadyRunning)) throw e;
      }
    }
  }
  const keep = new Set(wanted.map((r) => ruleScheduleId(r.id)));
  for await (const s of client.schedule.list()) {
    if (!s.scheduleId.startsWith(PREFIX) || keep.has(s.scheduleId)) continue;
    try {
      await client.schedule.getHandle(s.scheduleId).delete();
      result.deleted.push(s.scheduleId);
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
  }
  const changed = [...result.created, ...result.updated, ...result.deleted];
  if (changed.length) opts.log?.(`rule schedules: ${result.created.length} created, ${result.updated.length} updated, ${result.deleted.length} deleted (${timeZone})`);
  return result;
}

function noteFor(rule: CompiledRule): string {
  const s = rule.when.schedule!;
  return `rule ${rule.id} (${rule.file}): ${s.cron ? `cron ${s.cron}` : `every ${s.everyMonths ?? 1} month(s) on day ${s.day ?? 1} at ${s.at ?? '09:00'}`}`;
}
