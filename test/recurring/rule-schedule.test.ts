// The rules' `schedule` trigger on a real dev server: the rule's Temporal Schedule is kept
// in step with the rules (created, unchanged, updated, deleted); a run of it records a
// `schedule` event per tenant, and the dispatcher turns that into one rule run.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScheduleNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/engine/dispatcher.js';
import { fireEvent } from '../../src/engine/fire.js';
import { ruleScheduleId, syncRuleSchedules } from '../../src/engine/schedules.js';
import { compileRuleTexts } from '../../src/rules/load/index.js';
import { customerWithInvoice, scheduleRuns, startBed, type Bed } from './bed.js';

let bed: Bed;
let hooks: Server;
const received: { key: string; body: any }[] = [];

beforeAll(async () => {
  bed = await startBed();
  await bed.startWorker();
  hooks = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      received.push({ key: String(req.headers['idempotency-key']), body: JSON.parse(text) });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  hooks?.close();
  await bed?.stop();
});

const ruleText = (at: string) =>
  `id: month-end-report\nwhen:\n  event: schedule\n  every: 1 month\n  day: 31\n  at: "${at}"\nsteps:\n  - action: call-webhook\n    url: http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook\n`;
const compile = (at: string) => {
  const { rules, errors } = compileRuleTexts([{ file: 'month-end-report.yaml', text: ruleText(at) }], { templates: new Map() });
  expect(errors).toEqual([]);
  return rules;
};

describe('schedule trigger', () => {
  it('keeps a schedule per rule in step and turns each due time into one rule run per tenant', async () => {
    const { tenant } = await customerWithInvoice(bed.db);
    const sync = (rules: ReturnType<typeof compile>) => syncRuleSchedules({ client: bed.client, taskQueue: bed.taskQueue, db: bed.db, rules });
    const rules = compile('06:00');
    expect(await sync(rules)).toEqual({ created: [ruleScheduleId('month-end-report')], updated: [], deleted: [], failed: [] });
    expect(await sync(rules)).toEqual({ created: [], updated: [], deleted: [], failed: [] });
    const handle = bed.client.schedule.getHandle('rule-schedule/month-end-report');
    const d = await handle.describe();
    expect(d.spec.timezone).toBe('Europe/Bucharest');
    expect(d.state.note).toContain('rule month-end-report');
    const local = (x: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Bucharest', dateStyle: 'short', timeStyle: 'short' }).format(x);
    expect(d.info.nextActionTimes.map(local).find((x) => x.startsWith('2027-02'))).toBe('2027-02-28 06:00');

    await handle.trigger();
    const [fired] = (await scheduleRuns(bed.client, handle, 1)) as { scheduledAt: string; eventIds: string[] }[];
    expect(fired!.eventIds).toEqual([`schedule:month-end-report:${fired!.scheduledAt}:${tenant.id}`]);
    const row = await bed.db.domainEvent.findUniqueOrThrow({ where: { eventId: fired!.eventIds[0]! } });
    expect(row.type).toBe('schedule');

    const dispatcher = new Dispatcher({ db: bed.db, fire: (event) => fireEvent(bed.client, bed.taskQueue, rules, event) });
    await dispatcher.drain(); // the schedule event (and the invoice/issued event of the setup, which fires nothing)
    expect((await bed.db.domainEvent.findUniqueOrThrow({ where: { eventId: fired!.eventIds[0]! } })).dispatchedAt).not.toBeNull();
    const run = bed.client.workflow.getHandle(`rule/month-end-report/${fired!.eventIds[0]}`);
    expect((await run.result()).status).toBe('completed');
    expect(received).toHaveLength(1);
    expect(received[0]!.body.event).toMatchObject({ type: 'schedule', ruleId: 'month-end-report', tenantId: tenant.id, scheduledAt: fired!.scheduledAt });
    // The same event again starts nothing.
    expect(await dispatcher.drain()).toBe(0);
    expect(await fireEvent(bed.client, bed.taskQueue, rules, row.payload as never)).toEqual([expect.objectContaining({ started: false })]);

    // An edited rule updates its schedule; a rule that goes takes its schedule with it.
    expect((await sync(compile('07:30'))).updated).toEqual([ruleScheduleId('month-end-report')]);
    expect((await handle.describe()).info.nextActionTimes.map(local).every((x) => x.endsWith('07:30'))).toBe(true);
    expect((await sync([])).deleted).toEqual([ruleScheduleId('month-end-report')]);
    await expect(handle.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect(received).toHaveLength(1);

    // A cron Temporal refuses is logged for that rule; it does not stop the sync.
    const cron = compileRuleTexts([{ file: 'bad-cron.yaml', text: 'id: bad-cron\nwhen:\n  event: schedule\n  cron: "99 * * * *"\nsteps: [{ action: stop }]\n' }], { templates: new Map() }).rules;
    const log: string[] = [];
    const result = await syncRuleSchedules({ client: bed.client, taskQueue: bed.taskQueue, db: bed.db, rules: [...cron, ...compile('06:00')], log: (m) => log.push(m) });
    expect(result).toMatchObject({ failed: [ruleScheduleId('bad-cron')], created: [ruleScheduleId('month-end-report')] });
    expect(log[0]).toMatch(/^rule bad-cron: its schedule could not be made: /);
  });
});
