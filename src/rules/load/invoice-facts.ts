import type { RuleError } from '../errors.js';
import type { Condition } from '../schema/conditions.js';
import type { RuleFile } from '../schema/rule.js';
import { errorAt, type ParsedFile } from './parse.js';
import type { RuleContext } from './cross-check.js';

const FACT = /^\s*([A-Za-z][\w.]*)/;
const INVOICE = 'invoice.';

/** The fact a comparison reads (its first word). */
const factOf = (comparison: string) => FACT.exec(comparison)?.[1] ?? '';

/** The first invoice fact a condition reads (comparisons in order), if any. */
function firstInvoiceFact(c: Condition): string | undefined {
  if (typeof c === 'string') {
    const fact = factOf(c);
    return fact.startsWith(INVOICE) ? fact : undefined;
  }
  if ('not' in c) return firstInvoiceFact(c.not);
  for (const x of 'all' in c ? c.all : c.any) {
    const fact = firstInvoiceFact(x);
    if (fact !== undefined) return fact;
  }
  return undefined;
}

/**
 * Invoice facts ({{invoice.number}}, invoice.openAmount > …, until: invoice.dueDate) exist
 * only after a create-invoice step: a step that reads one before is an error.
 */
export function invoiceFactErrors(p: ParsedFile, rule: RuleFile, ctx: RuleContext): RuleError[] {
  const errors: RuleError[] = [];
  const fix = 'add a create-invoice step before it (invoice facts are those of the invoice the run creates)';
  // A rule fired by an invoice event is about that invoice: its facts are there from the start.
  if (rule.when.event.startsWith('invoice/') || rule.when.event === 'payment/received' || rule.when.event === 'payment/reversed' || rule.when.event === 'dunning/level-reached') return errors;
  const ruleLevel = rule.if && firstInvoiceFact(rule.if);
  if (ruleLevel) errors.push(errorAt(p, ['if'], 'badCondition', `the rule's if: reads ${ruleLevel} before any step has created an invoice`, 'move the condition to a step after create-invoice'));
  // Plain loops, no lists of facts per step: this runs for every step of every rule.
  let created = false;
  for (let i = 0; i < rule.steps.length; i++) {
    const step = rule.steps[i]!;
    if (!created) {
      // The first invoice fact the step reads: in its if:, its template, its until:, or the invoice it acts on.
      let fact = step.if ? firstInvoiceFact(step.if) : undefined;
      if (fact === undefined && 'template' in step && step.template) fact = ctx.templates.get(step.template)?.facts.find((f) => f.startsWith(INVOICE));
      if (fact === undefined && step.action === 'wait' && step.until) {
        const until = factOf(step.until);
        if (until.startsWith(INVOICE)) fact = until;
      }
      if (fact === undefined && (step.action === 'mark-paid' || step.action === 'cancel-invoice')) fact = 'invoice.id';
      if (fact) {
        const what = fact === 'invoice.id' ? `${step.action} acts on the invoice the run created` : `this step reads ${fact}`;
        errors.push(errorAt(p, ['steps', i], 'badStep', `${what}, but no earlier step creates an invoice`, fix));
      }
    }
    if (step.action === 'create-invoice') {
      created = true;
      if (step.kind === 'credit-note') {
        errors.push(errorAt(p, ['steps', i, 'kind'], 'notAvailable', 'credit notes are declared but not available from rules yet (they need an invoice as the subject)', 'create credit notes through the API for now'));
      }
    }
  }
  return errors;
}
