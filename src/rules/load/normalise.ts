import { createHash } from 'node:crypto';
import { comparison } from './comparisons.js';
import type { CompiledCondition } from '../conditions/types.js';
import type { Step } from '../schema/actions.js';
import type { Condition } from '../schema/conditions.js';
import type { RuleFile } from '../schema/rule.js';
import type { CompiledRule, CompiledStep, CompiledTemplate, CompiledTrigger } from '../snapshot.js';
import { formatDuration, parseDuration, type Duration } from '../words.js';
import { parseDateExpr } from './date-expr.js';
import type { RuleContext } from './cross-check.js';

const list = (s: string | string[] | undefined) => (s === undefined ? undefined : Array.isArray(s) ? s : [s]);

/** Thrown only when a rule reaches normalise without passing the cross-checks: a bug. */
class NormaliseBug extends Error {}

function duration(text: string): Duration {
  const d = parseDuration(text);
  if (!d) throw new NormaliseBug(`duration "${text}" passed the schema but does not parse`);
  return d;
}

/** The clock counts calendar days: 3d, 2 weeks (the checker refuses hours and months here). */
export function wholeDays(text: string): number {
  const d = duration(text);
  return Math.round(d.ms / 86_400_000);
}

export function compileCondition(c: Condition): CompiledCondition {
  if (typeof c === 'string') {
    const parsed = comparison(c);
    if ('message' in parsed) throw new NormaliseBug(parsed.message);
    return parsed;
  }
  if ('all' in c) return { all: c.all.map(compileCondition) };
  if ('any' in c) return { any: c.any.map(compileCondition) };
  return { not: compileCondition(c.not) };
}

/**
 * Stage 4, normalise: the checked rule in its one canonical form (lists for statuses,
 * durations as months + ms, parsed conditions, labels, the templates it uses).
 */
export function normalise(rule: RuleFile, file: string, ctx: RuleContext): Omit<CompiledRule, 'hash'> {
  // Plain assignments in a fixed key order rather than spreads of `cond ? {…} : {}`: this
  // runs for every rule of a check, mostly before the JIT has compiled it.
  const templates: Record<string, CompiledTemplate> = {};
  const steps = rule.steps.map((step) => {
    if ('template' in step && step.template) templates[step.template] = ctx.templates.get(step.template)!.compiled;
    const compiled = compileStep(step); // a fresh object: label keeps its place, if comes last
    if (step.name !== undefined) compiled.label = step.name;
    if (step.if) compiled.if = compileCondition(step.if);
    return compiled;
  });
  const when = rule.when;
  const trigger: CompiledTrigger = { event: when.event };
  if ('from' in when && when.from) trigger.from = list(when.from);
  if ('to' in when && when.to) trigger.to = list(when.to);
  if ('pipeline' in when && when.pipeline) trigger.pipeline = when.pipeline;
  if (when.event === 'invoice/issued' && when.kind) trigger.kind = [when.kind.replace('-', '_')];
  if (when.event === 'invoice/due-soon') trigger.days = wholeDays(when.in);
  if (when.event === 'invoice/overdue') trigger.days = wholeDays(when.by);
  if (when.event === 'dunning/level-reached') trigger.level = when.level;
  if (when.event === 'schedule') {
    if (when.cron) trigger.schedule = { cron: when.cron };
    else {
      const schedule: CompiledTrigger['schedule'] = { everyMonths: duration(when.every!).months };
      if (when.day) schedule.day = when.day;
      if (when.at) schedule.at = when.at;
      trigger.schedule = schedule;
    }
  }
  const out = (rule.description ? { id: rule.id, file, description: rule.description, mode: rule.mode, when: trigger } : { id: rule.id, file, mode: rule.mode, when: trigger }) as Omit<CompiledRule, 'hash'>;
  if (rule.if) out.if = compileCondition(rule.if);
  out.steps = steps;
  // Template names are [a-z0-9-] (the schema), where code-unit order is localeCompare's
  // order; localeCompare goes through ICU on every call (~5% of a cold rules check).
  out.templates = Object.fromEntries(Object.entries(templates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return out;
}

function compileStep(step: Step): CompiledStep {
  switch (step.action) {
    case 'create-invoice': {
      if (step.kind === 'credit-note') throw new NormaliseBug('credit notes are not available from rules yet');
      const as = step.as ?? (step.kind === 'final-from-proforma' ? 'final' : step.kind);
      const label = `create the ${step.kind.replaceAll('-', ' ')} invoice`;
      return step['due-in'] ? { action: step.action, kind: step.kind, dueIn: duration(step['due-in']), as, label } : { action: step.action, kind: step.kind, as, label };
    }
    case 'mark-paid':
      return { action: step.action, label: 'mark the invoice paid' };
    case 'cancel-invoice':
      return { action: step.action, ...(step.reason ? { reason: step.reason } : {}), label: 'cancel the invoice (storno)' };
    case 'render-document':
      return { action: step.action, template: step.template, as: step.as ?? step.template, label: `render ${step.template}` };
    case 'render-report':
      return { action: step.action, report: step.report, as: step.as ?? step.report, label: `render the ${step.report} report` };
    case 'send-email': {
      const to = list(step.to)!;
      const recipients = to as ('contact' | 'accounting' | 'owner')[];
      if (step.draft) return { action: step.action, template: step.template, to: recipients, attach: step.attach ?? [], draft: true, label: `email ${step.template} to ${to.join(', ')} (draft)` };
      return { action: step.action, template: step.template, to: recipients, attach: step.attach ?? [], label: `email ${step.template} to ${to.join(', ')}` };
    }
    case 'notify-owner':
      return { action: step.action, template: step.template, label: `notify the owner (${step.template})` };
    case 'update-opportunity':
      return { action: step.action, ...(step.status ? { status: step.status } : {}), ...(step.fields ? { fields: step.fields } : {}), label: step.status ? `set status ${step.status}` : 'update fields' };
    case 'update-customer':
      return { action: step.action, ...(step.fields ? { fields: step.fields } : {}), ...(step.service ? { service: step.service } : {}), label: step.service ? `${step.service === 'suspended' ? 'suspend' : 'resume'} service` : 'update customer fields' };
    case 'start-recurring': {
      const everyMonths = duration(step.every).months;
      return { action: step.action, everyMonths, ...(step.day ? { day: step.day } : {}), ...(step.at ? { at: step.at } : {}), label: `start the recurring invoice (every ${everyMonths === 1 ? 'month' : `${everyMonths} months`})` };
    }
    case 'stop-recurring':
      return { action: step.action, label: 'stop the recurring invoice' };
    case 'wait': {
      if (step.for) {
        const d = duration(step.for);
        return { action: step.action, for: d, label: `wait ${formatDuration(d)}` };
      }
      const until = parseDateExpr(step.until!);
      if ('message' in until) throw new NormaliseBug(until.message);
      return { action: step.action, until, label: `wait until ${until.text}` };
    }
    case 'wait-for-event': {
      const within = duration(step.within);
      const label = `wait up to ${formatDuration(within)} for ${step.event}`;
      if (step.to) return { action: step.action, event: step.event, to: list(step.to), within, then: step.then, otherwise: step.otherwise, label };
      return { action: step.action, event: step.event, within, then: step.then, otherwise: step.otherwise, label };
    }
    case 'require-approval':
      return { action: step.action, ...(step.within ? { within: duration(step.within) } : {}), otherwise: step.otherwise, ...(step.message ? { message: step.message } : {}), label: 'wait for approval' };
    case 'call-webhook':
      return { action: step.action, url: step.url, method: step.method, label: `call ${new URL(step.url).host}` };
    case 'stop':
      return { action: step.action, ...(step.reason ? { reason: step.reason } : {}), label: step.reason ? `stop: ${step.reason}` : 'stop' };
    default:
      throw new NormaliseBug(`action "${(step as { action: string }).action}" is not available yet and should have been rejected by the cross-checks`);
  }
}

/** Stage 5, snapshot: the content hash of the canonical form (key order fixed). */
export function snapshot(rule: Omit<CompiledRule, 'hash'>): CompiledRule {
  const { file: _file, ...content } = rule;
  for (const t of Object.values(rule.templates)) if (!templateText.has(t)) templateText.set(t, canonical(t));
  const hash = createHash('sha256').update(canonical(content)).digest('hex').slice(0, 16);
  return { ...rule, hash };
}

// Many rules share a template (several KB in four languages): its canonical text is made
// once per loaded template object, not once per rule. Compiled templates are never mutated.
const templateText = new WeakMap<object, string>();

function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const known = templateText.get(value);
  if (known !== undefined) return known;
  // Plain loops and +=: this runs for every node of every rule on each check.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (canonical(value[i]) ?? ''); // as Array.join does
    return `${out}]`;
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += `${i ? ',' : ''}${JSON.stringify(keys[i])}:${canonical((value as Record<string, unknown>)[keys[i]!])}`;
  return `${out}}`;
}
