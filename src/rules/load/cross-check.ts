import { ACTION_PENDING, TRIGGER_PENDING } from '../availability.js';
import type { Condition } from '../schema/conditions.js';
import type { Step } from '../schema/actions.js';
import type { RuleFile } from '../schema/rule.js';
import type { RuleError } from '../errors.js';
import { nearest, suggestion } from '../nearest.js';
import { FACTS } from '../facts.js';
import { comparison } from './comparisons.js';
import { parseDuration } from '../words.js';
import { EVERY_MONTHS } from '../../recurring/spec.js';
import { parseDateExpr } from './date-expr.js';
import { invoiceFactErrors } from './invoice-facts.js';
import { errorAt, type ParsedFile } from './parse.js';
import type { LoadedTemplate } from './templates.js';

export interface ValidRule {
  parsed: ParsedFile;
  rule: RuleFile;
}

export interface RuleContext {
  templates: Map<string, LoadedTemplate>;
  /** Statuses per pipeline (rules/pipelines.yaml); statuses go unchecked without it. */
  pipelines?: Record<string, string[]>;
}

const asList = (s: string | string[] | undefined) => (s === undefined ? [] : Array.isArray(s) ? s : [s]);

/**
 * Stage 3, cross-checks: what one file's shape cannot tell. Contract: rules here passed
 * the schema; errors point at the offending value and say what would be right.
 */
export function crossCheck(rules: ValidRule[], ctx: RuleContext): RuleError[] {
  const errors: RuleError[] = [];
  const firstById = new Map<string, ValidRule>();
  for (const r of rules) {
    const other = firstById.get(r.rule.id);
    if (other) errors.push(duplicateIdError(r.parsed, other.parsed, r.rule.id));
    else firstById.set(r.rule.id, r);
    errors.push(...checkRule(r, ctx));
  }
  return errors;
}

/** The error at a rule whose id an earlier rule (`first`) already has. */
export function duplicateIdError(p: ParsedFile, first: ParsedFile, id: string): RuleError {
  const at = errorAt(first, ['id'], 'duplicateId', '', '');
  return errorAt(p, ['id'], 'duplicateId', `rule id "${id}" is already used by ${at.file}:${at.line}`, 'give one of the two rules another id');
}

/** The cross-checks of one rule on its own: all of stage 3 but duplicate ids. */
export function checkRule({ parsed: p, rule }: ValidRule, ctx: RuleContext): RuleError[] {
  const errors: RuleError[] = [];
  const pending = TRIGGER_PENDING[rule.when.event];
  if (pending) errors.push(errorAt(p, ['when', 'event'], 'notAvailable', `the trigger "${rule.when.event}" is declared but not available yet (it comes with ${pending})`, 'use opportunity/status-changed or manual for now'));
  if (rule.when.event === 'schedule' && !rule.when.every === !rule.when.cron) {
    errors.push(errorAt(p, ['when'], 'badStep', 'a schedule needs either every or cron', 'write every: 1 month (with day: and at:) or cron: "0 9 1 * *"'));
  }
  if (rule.when.event === 'schedule' && rule.when.every) {
    const d = parseDuration(rule.when.every);
    if (d && (d.ms !== 0 || !(EVERY_MONTHS as readonly number[]).includes(d.months))) {
      errors.push(errorAt(p, ['when', 'every'], 'badStep', `a schedule repeats every 1, 2, 3, 4, 6 or 12 months; "${rule.when.every}" is not one of those`, 'write every: 1 month, or use cron: for other rhythms (e.g. cron: "0 9 * * MON")'));
    }
  }
  if (rule.when.event === 'invoice/due-soon' || rule.when.event === 'invoice/overdue') {
    const key = rule.when.event === 'invoice/due-soon' ? 'in' : 'by';
    const d = parseDuration(rule.when.event === 'invoice/due-soon' ? rule.when.in : rule.when.by);
    if (d && (d.months !== 0 || d.ms % 86_400_000 !== 0 || d.ms === 0)) {
      errors.push(errorAt(p, ['when', key], 'badStep', `${rule.when.event} counts whole days; "${rule.when.event === 'invoice/due-soon' ? rule.when.in : rule.when.by}" is not a whole number of days`, 'write days or weeks, e.g. 3d, 14d, 2 weeks'));
    }
  }
  const pipeline = rule.when.event === 'opportunity/status-changed' ? rule.when.pipeline : undefined;
  const checkStatuses = (values: string | string[] | undefined, at: PropertyKey[]) => errors.push(...statusErrors(p, values, at, ctx, pipeline));
  if (pipeline && ctx.pipelines && !ctx.pipelines[pipeline]) {
    errors.push(errorAt(p, ['when', 'pipeline'], 'unknownStatus', `unknown pipeline "${pipeline}"`, suggestion(pipeline, Object.keys(ctx.pipelines))));
  }
  if (rule.when.event === 'opportunity/status-changed') {
    checkStatuses(rule.when.from, ['when', 'from']);
    checkStatuses(rule.when.to, ['when', 'to']);
  }
  if (rule.if) errors.push(...conditionErrors(p, rule.if, ['if']));
  errors.push(...invoiceFactErrors(p, rule, ctx));

  const rendered = new Set<string>();
  let stoppedAt: number | undefined;
  rule.steps.forEach((step, i) => {
    const at = ['steps', i];
    if (stoppedAt !== undefined) {
      if (stoppedAt === i - 1) errors.push(errorAt(p, at, 'unreachableStep', `this step can never run: the stop before it (steps[${i - 1}]) always ends the run`, 'give the stop an if:, or remove the steps after it'));
      return;
    }
    if (step.if) errors.push(...conditionErrors(p, step.if, [...at, 'if']));
    errors.push(...stepErrors(p, step, at, ctx, rendered, checkStatuses));
    if (step.action === 'stop' && !step.if) stoppedAt = i;
  });
  return errors;
}

function stepErrors(
  p: ParsedFile, step: Step, at: PropertyKey[], ctx: RuleContext, rendered: Set<string>,
  checkStatuses: (values: string | string[] | undefined, at: PropertyKey[]) => void,
): RuleError[] {
  const errors: RuleError[] = [];
  const pending = ACTION_PENDING[step.action];
  if (pending) {
    return [errorAt(p, [...at, 'action'], 'notAvailable', `the action "${step.action}" is declared but not available yet (it comes with ${pending})`, 'leave this step out for now')];
  }
  const template = (name: string, kind: 'email' | 'document') => {
    const t = ctx.templates.get(name);
    if (!t) {
      errors.push(errorAt(p, [...at, 'template'], 'unknownTemplate', `no template "${name}" in rules/templates/`, nearest(name, [...ctx.templates.keys()]) ? `did you mean "${nearest(name, [...ctx.templates.keys()])}"?` : `create rules/templates/${name}.yaml (kind: ${kind})`));
    } else if (t.compiled.kind !== kind) {
      errors.push(errorAt(p, [...at, 'template'], 'wrongTemplateKind', `"${name}" is ${t.compiled.kind === 'email' ? 'an email' : 'a document'} template; this step needs ${kind === 'email' ? 'an email' : 'a document'} template`, `use a template with kind: ${kind}`));
    }
  };
  switch (step.action) {
    case 'create-invoice':
      rendered.add(step.as ?? (step.kind === 'final-from-proforma' ? 'final' : step.kind));
      break;
    case 'render-document':
      template(step.template, 'document');
      rendered.add(step.as ?? step.template);
      break;
    case 'render-report':
      rendered.add(step.as ?? step.report);
      break;
    case 'send-email':
      template(step.template, 'email');
      (step.attach ?? []).forEach((name, j) => {
        if (!rendered.has(name)) errors.push(errorAt(p, [...at, 'attach', j], 'unknownDocument', `no earlier step renders a document named "${name}"`, rendered.size ? suggestion(name, [...rendered]) : 'add a render-document step before this one'));
      });
      break;
    case 'notify-owner':
      template(step.template, 'email');
      break;
    case 'update-opportunity':
      checkStatuses(step.status, [...at, 'status']);
      if (!step.status && !step.fields) errors.push(errorAt(p, at, 'badStep', 'update-opportunity changes nothing', 'add status: or fields:'));
      break;
    case 'update-customer':
      if (!step.service && !step.fields) errors.push(errorAt(p, at, 'badStep', 'update-customer changes nothing', 'add service: or fields:'));
      break;
    case 'start-recurring': {
      const d = parseDuration(step.every);
      if (d && (d.ms !== 0 || !(EVERY_MONTHS as readonly number[]).includes(d.months))) {
        errors.push(errorAt(p, [...at, 'every'], 'badStep', `a recurring invoice repeats every 1, 2, 3, 4, 6 or 12 months; "${step.every}" is not one of those`, 'write every: 1 month (or 3 months, …)'));
      }
      break;
    }
    case 'wait': {
      if (!step.for === !step.until) errors.push(errorAt(p, at, 'badStep', 'wait needs exactly one of for: and until:', 'write for: 14d or until: event.occurredAt + 14d'));
      const expr = step.until !== undefined ? parseDateExpr(step.until) : undefined;
      if (expr && 'message' in expr) errors.push(errorAt(p, [...at, 'until'], 'badStep', expr.message, expr.fix));
      break;
    }
    case 'wait-for-event': {
      const later = TRIGGER_PENDING[step.event];
      if (later) errors.push(errorAt(p, [...at, 'event'], 'notAvailable', `the event "${step.event}" is declared but not produced yet (it comes with ${later})`, 'wait for opportunity/status-changed for now'));
      if (step.to && step.event !== 'opportunity/status-changed') errors.push(errorAt(p, [...at, 'to'], 'badStep', 'to: only applies to opportunity/status-changed', 'remove to:'));
      checkStatuses(step.to, [...at, 'to']);
      break;
    }
    default:
      break;
  }
  return errors;
}

// Every status of every pipeline, once per pipelines file rather than once per status checked.
const statusesOf = new WeakMap<Record<string, string[]>, string[]>();
function allStatuses(pipelines: Record<string, string[]>): string[] {
  let all = statusesOf.get(pipelines);
  if (!all) statusesOf.set(pipelines, (all = [...new Set(Object.values(pipelines).flat())]));
  return all;
}

function statusErrors(p: ParsedFile, raw: string | string[] | undefined, at: PropertyKey[], ctx: RuleContext, pipeline?: string): RuleError[] {
  if (!ctx.pipelines) return [];
  const values = asList(raw);
  const known = pipeline && ctx.pipelines[pipeline] ? ctx.pipelines[pipeline] : allStatuses(ctx.pipelines);
  return values.flatMap((status, j) =>
    known.includes(status) ? [] : [errorAt(p, Array.isArray(raw) ? [...at, j] : at, 'unknownStatus', `unknown status "${status}"${pipeline ? ` in pipeline ${pipeline}` : ''}`, `${suggestion(status, known)} (statuses are listed in rules/pipelines.yaml)`)],
  );
}

function conditionErrors(p: ParsedFile, c: Condition, at: PropertyKey[]): RuleError[] {
  if (typeof c === 'string') {
    const parsed = comparison(c);
    if (!('message' in parsed)) return [];
    const near = parsed.unknownFact && nearest(parsed.unknownFact, FACTS.map((f) => f.name));
    return [errorAt(p, at, 'badCondition', parsed.message, near ? `did you mean ${near}?` : parsed.fix)];
  }
  if ('all' in c) return c.all.flatMap((x, i) => conditionErrors(p, x, [...at, 'all', i]));
  if ('any' in c) return c.any.flatMap((x, i) => conditionErrors(p, x, [...at, 'any', i]));
  return conditionErrors(p, c.not, [...at, 'not']);
}
