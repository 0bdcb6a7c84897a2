import { z } from 'zod';
import { duration, statuses } from './common.js';

// One object per trigger kind, discriminated by `event` (the event catalog's names).

const opportunityCreated = z
  .strictObject({ event: z.literal('opportunity/created'), pipeline: z.string().optional() })
  .meta({ description: 'A new opportunity (CRM card) was created.' });

const statusChanged = z
  .strictObject({
    event: z.literal('opportunity/status-changed'),
    from: statuses.optional().meta({ description: 'Only when the previous status was one of these.' }),
    to: statuses.optional().meta({ description: 'Only when the new status is one of these.' }),
    pipeline: z.string().optional().meta({ description: 'Only for opportunities in this pipeline.' }),
  })
  .meta({ description: "An opportunity's status changed." });

const invoiceIssued = z
  .strictObject({ event: z.literal('invoice/issued'), kind: z.enum(['proforma', 'final', 'credit-note']).optional() })
  .meta({ description: 'An invoice was issued.' });

const dueSoon = z
  .strictObject({ event: z.literal('invoice/due-soon'), in: duration.meta({ description: 'How long before the due date, e.g. 3d.' }) })
  .meta({ description: 'An invoice falls due in the given time.' });

const overdue = z
  .strictObject({ event: z.literal('invoice/overdue'), by: duration.meta({ description: 'How long after the due date, e.g. 14d.' }) })
  .meta({ description: 'An invoice is unpaid the given time after its due date.' });

const paymentReceived = z.strictObject({ event: z.literal('payment/received') }).meta({ description: 'A payment was recorded for an invoice.' });
const paymentReversed = z.strictObject({ event: z.literal('payment/reversed') }).meta({ description: "A person undid a payment's allocation: the invoice is open again by that amount." });
const invoicePaid = z.strictObject({ event: z.literal('invoice/paid') }).meta({ description: 'An invoice is paid in full.' });

const dunningLevel = z
  .strictObject({ event: z.literal('dunning/level-reached'), level: z.number().int().min(1).max(3) })
  .meta({ description: 'An invoice reached a dunning level (1–3).' });

const schedule = z
  .strictObject({
    event: z.literal('schedule'),
    every: duration.optional().meta({ description: 'How often, e.g. 1 month.' }),
    day: z.number().int().min(1).max(31).optional().meta({ description: 'Day of the month for monthly schedules.' }),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as 09:00').optional(),
    cron: z.string().optional().meta({ description: 'A cron expression, instead of every/day/at.' }),
  })
  .meta({ description: 'On a schedule: every N months on a day, or a cron expression.' });

const manual = z.strictObject({ event: z.literal('manual') }).meta({ description: 'Started by hand from the API or CLI.' });

export const trigger = z
  .discriminatedUnion('event', [
    opportunityCreated,
    statusChanged,
    invoiceIssued,
    dueSoon,
    overdue,
    paymentReceived,
    paymentReversed,
    invoicePaid,
    dunningLevel,
    schedule,
    manual,
  ])
  .meta({ description: 'What fires the rule.' });

export type Trigger = z.infer<typeof trigger>;
