import type { RuleError } from '../errors.js';
import type { Condition } from '../schema/conditions.js';
import type { RuleFile } from '../schema/rule.js';
import { errorAt, type ParsedFile } from './parse.js';
import type { RuleContext } from './cross-check.js';

const FACT = /^\s*([A-Za-z][\w.]*)/;

/** Fact names a condition reads (the first word of each comparison). */
function conditionFacts(c: Condition): string[] {
  if (typeof c === 'string') return [FACT.exec(c)?.[1] ?? ''];
  if ('all' in c) return c.all.flatMap(conditionFacts);
  if ('any' in c) return c.any.flatMap(conditionFacts);
  return conditionFacts(c.not);
}

/**
 * Invoice facts ({{invoice.number}}, invoice.openAmount > …, until: invoice.dueDate) exist
 * only after a create-invoice step: a step that reads one before is an error.
 */
export function invoiceFactErrors(p: ParsedFile, rule: RuleFile, ctx: RuleContext): RuleError[] {
  const errors: RuleError[] = [];
  const fix = 'add a create-invoice step before it (invoice facts are those of the invoice the run creates)';
  const firstInvoiceFact = (names: string[]) => names.find((n) => n.startsWith('invoice.'));
  // A rule fired by an invoice event is about that invoice: its facts are there from the start.
  if (rule.when.event.startsWith('invoice/') || rule.when.event === 'payment/received' || rule.when.event === 'payment/reversed' || rule.when.event === 'dunning/level-reached') return [];
  const ruleLevel = rule.if && firstInvoiceFact(conditionFacts(rule.if));
  if (ruleLevel) errors.push(errorAt(p, ['if'], 'badCondition', `the rule's if: reads ${ruleLevel} before any step has created an invoice`, 'move the condition to a step after create-invoice'));
  let created = false;
  rule.steps.forEach((step, i) => {
    const used = [
      ...(step.if ? conditionFacts(step.if) : []),
      ...('template' in step && step.template ? ctx.templates.get(step.template)?.facts ?? [] : []),
      ...(step.action === 'wait' && step.until ? [FACT.exec(step.until)?.[1] ?? ''] : []),
      ...(step.action === 'mark-paid' || step.action === 'cancel-invoice' ? ['invoice.id'] : []),
    ];
    const fact = !created && firstInvoiceFact(used);
    const what = fact === 'invoice.id' ? `${step.action} acts on the invoice the run created` : `this step reads ${fact}`;
    if (fact) errors.push(errorAt(p, ['steps', i], 'badStep', `${what}, but no earlier step creates an invoice`, fix));
    if (step.action === 'create-invoice') {
      created = true;
      if (step.kind === 'credit-note') {
        errors.push(errorAt(p, ['steps', i, 'kind'], 'notAvailable', 'credit notes are declared but not available from rules yet (they need an invoice as the subject)', 'create credit notes through the API for now'));
      }
    }
  });
  return errors;
}
