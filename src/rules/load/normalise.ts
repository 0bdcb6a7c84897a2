import { createHash } from 'node:crypto';
import { comparison } from './comparisons.js';
import type { CompiledCondition } from '../conditions/types.js';
import type { Step } from '../schema/actions.js';
import type { Condition } from '../schema/conditions.js';
import type { RuleFile } from '../schema/rule.js';
import type { CompiledRule, CompiledStep, CompiledTemplate } from '../snapshot.js';
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
  const templates: Record<string, CompiledTemplate> = {};
  const steps = rule.steps.map((step) => {
    if ('template' in step && step.template) templates[step.template] = ctx.templates.get(step.template)!.compiled;
    const compiled = compileStep(step);
    return { ...compiled, label: step.name ?? compiled.label, ...(step.if ? { if: compileCondition(step.if) } : {}) } as CompiledStep;
  });
  const when = rule.when;
  return {
    id: rule.id,
    file,
    ...(rule.description ? { description: rule.description } : {}),
    mode: rule.mode,
    when: {
      event: when.event,
      ...('from' in when && when.from ? { from: list(when.from) } : {}),
      ...('to' in when && when.to ? { to: list(when.to) } : {}),
      ...('pipeline' in when && when.pipeline ? { pipeline: when.pipeline } : {}),
      ...(when.event === 'invoice/issued' && when.kind ? { kind: [when.kind.replace('-', '_')] } : {}),
      ...(when.event === 'invoice/due-soon' ? { days: wholeDays(when.in) } : {}),
      ...(when.event === 'invoice/overdue' ? { days: wholeDays(when.by) } : {}),
      ...(when.event === 'dunning/level-reached' ? { level: when.level } : {}),
      ...(when.event === 'schedule'
        ? { schedule: when.cron ? { cron: when.cron } : { everyMonths: duration(when.every!).months, ...(when.day ? { day: when.day } : {}), ...(when.at ? { at: when.at } : {}) } }
        : {}),
    },
    ...(rule.if ? { if: compileCondition(rule.if) } : {}),
    steps,
    // Template names are [a-z0-9-] (the schema), where code-unit order is localeCompare's
    // order; localeCompare goes through ICU on every call (~5% of a cold rules check).
    templates: Object.fromEntries(Object.entries(templates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

function compileStep(step: Step): CompiledStep {
  switch (step.action) {
    case 'create-invoice': {
      if (step.kind === 'credit-note') throw new NormaliseBug('credit notes are not available from rules yet');
      const as = step.as ?? (step.kind === 'final-from-proforma' ? 'final' : step.kind);
      return { action: step.action, kind: step.kind, ...(step['due-in'] ? { dueIn: duration(step['due-in']) } : {}), as, label: `create the ${step.kind.replaceAll('-', ' ')} invoice` };
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
      return { action: step.action, template: step.template, to: to as ('contact' | 'accounting' | 'owner')[], attach: step.attach ?? [], ...(step.draft ? { draft: true } : {}), label: `email ${step.template} to ${to.join(', ')}${step.draft ? ' (draft)' : ''}` };
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
      if (step.for) return { action: step.action, for: duration(step.for), label: `wait ${formatDuration(duration(step.for))}` };
      const until = parseDateExpr(step.until!);
      if ('message' in until) throw new NormaliseBug(until.message);
      return { action: step.action, until, label: `wait until ${until.text}` };
    }
    case 'wait-for-event':
      return { action: step.action, event: step.event, ...(step.to ? { to: list(step.to) } : {}), within: duration(step.within), then: step.then, otherwise: step.otherwise, label: `wait up to ${formatDuration(duration(step.within))} for ${step.event}` };
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
