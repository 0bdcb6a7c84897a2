import { z } from 'zod';
import { EVENT_TYPES } from '../../events/catalog.js';
import { condition } from './conditions.js';
import { duration, statuses, templateName, thenWhat } from './common.js';

// One object per action kind, discriminated by `action`. Every step may carry `if`
// (run only when true) and `name` (shown in the Temporal UI and the timeline).
const base = {
  if: condition.optional().meta({ description: 'Run this step only when the condition holds.' }),
  name: z.string().optional().meta({ description: 'A label for the step in the UI and the timeline.' }),
};
const step = <A extends string, S extends z.ZodRawShape>(action: A, shape: S, description: string) =>
  z.strictObject({ action: z.literal(action), ...base, ...shape }).meta({ description });

const recipient = z.enum(['contact', 'accounting', 'owner']);

export const ACTION_SCHEMAS = [
  step('create-invoice', {
    kind: z.enum(['proforma', 'final', 'final-from-proforma', 'credit-note']),
    'due-in': duration.optional().meta({ description: "Due this long after issue; the customer's payment term by default." }),
    as: z.string().optional().meta({ description: 'Name to attach its PDF by in later steps; the kind by default (proforma, final).' }),
  }, "Create and issue an invoice from the opportunity: proforma, final, final from the opportunity's proforma, or credit note. Later steps see {{invoice.number}} and the other invoice facts."),
  step('render-document', {
    template: templateName,
    as: z.string().optional().meta({ description: 'Name to attach it by in later steps; the template name by default.' }),
  }, 'Render a PDF from a document template (invoice, proforma, contract, reminder letter).'),
  step('render-report', {
    report: z.enum(['aging']).meta({ description: 'aging: open receivables per customer and in total, per currency, by days past due, as of the run date.' }),
    as: z.string().optional().meta({ description: 'Name to attach it by in later steps; the report name by default.' }),
  }, "Render a report of the business as a PDF to attach to a later email (e.g. the aging report to the owner every month)."),
  step('send-email', {
    template: templateName,
    to: z.union([recipient, z.array(recipient).min(1)]).default('contact').meta({
      description: "contact (the customer's main contact), accounting (its accounting contacts), owner (the business owner).",
    }),
    attach: z.array(z.string()).optional().meta({ description: 'Documents rendered by earlier steps, by name.' }),
    draft: z.boolean().optional().meta({ description: "Hold the mail in the outbox for approval instead of sending it (the tenant's ruleMailDelivery: draft does this for every rule)." }),
  }, 'Send an email from a template.'),
  step('update-opportunity', {
    status: z.string().optional(),
    fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  }, "Set the opportunity's status or custom fields."),
  step('update-customer', {
    fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().meta({ description: 'Custom fields to set (customer.custom.<field>).' }),
    service: z.enum(['active', 'suspended']).optional().meta({
      description: 'Suspend or resume service. Suspending re-checks right before acting and never suspends a customer with nothing overdue; when nothing changes, the run stops here.',
    }),
  }, "Set the customer's custom fields or service status (suspend/resume). Its if: is checked again on fresh facts right before it acts."),
  step('mark-paid', {}, 'Mark the invoice this run created paid (what is still open).'),
  step('cancel-invoice', { reason: z.string().optional() }, 'Cancel the invoice this run created (a storno if it was issued).'),
  step('wait', {
    for: duration.optional(),
    until: z.string().optional().meta({
      description: 'A date fact, optionally plus or minus a duration, or a date: event.occurredAt + 14d, 2026-01-31.',
    }),
  }, 'Wait a duration (for) or until a date (until).'),
  step('wait-for-event', {
    event: z.enum(EVENT_TYPES),
    to: statuses.optional().meta({ description: 'For opportunity/status-changed: only these new statuses.' }),
    within: duration,
    then: thenWhat.default('stop').meta({ description: 'When the event arrives in time: stop (default) or continue.' }),
    otherwise: thenWhat.default('continue').meta({ description: 'When it does not: continue (default) or stop.' }),
  }, 'Wait for an event about the same subject, with a timeout.'),
  step('require-approval', {
    within: duration.optional().meta({ description: 'How long to wait for a decision; forever by default.' }),
    otherwise: thenWhat.default('stop').meta({ description: 'When nobody decides in time: stop (default) or continue.' }),
    message: z.string().optional(),
  }, 'Hold until someone approves through the API or CLI; a rejection stops the run.'),
  step('notify-owner', { template: templateName }, 'Email the business owner from a template.'),
  step('start-recurring', {
    every: duration.default('1 month').meta({ description: 'How often: 1, 2, 3, 4, 6 or 12 months.' }),
    day: z.number().int().min(1).max(31).optional().meta({ description: "Day of the month; the run's day by default. 29–31 fall on the last day of shorter months." }),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as 09:00').optional().meta({ description: "Local time in the tenant's time zone; 09:00 by default." }),
  }, "Start the opportunity's recurring invoice: a new invoice (new number) every N months, mailed to the customer's accounting contacts with its PDF, until stopped. One per opportunity: starting it again keeps the running one."),
  step('stop-recurring', {}, "Stop the opportunity's recurring invoices (none running: nothing happens)."),
  step('call-webhook', {
    url: z.url({ protocol: /^https?$/ }),
    method: z.enum(['POST', 'PUT']).default('POST'),
  }, 'POST the run, the event and the facts as JSON to a URL (with an Idempotency-Key header).'),
  step('stop', { reason: z.string().optional() }, 'End the run here (usually with if).'),
] as const;

export const action = z.discriminatedUnion('action', ACTION_SCHEMAS).meta({ description: 'One step of the rule.' });
export type Step = z.output<typeof action>;
export type StepInput = z.input<typeof action>;
export type ActionName = Step['action'];
export const ACTION_NAMES = ACTION_SCHEMAS.map((s) => s.shape.action.value) as ActionName[];
