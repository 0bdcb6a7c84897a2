// The facts rules may name in conditions and templates ({{customer.name}}). Pure.

export type FactType = 'money' | 'number' | 'string' | 'date' | 'any';
export type SubjectKind = 'opportunity' | 'invoice';

export interface Fact {
  name: string;
  type: FactType;
  /** Invoice facts need an invoice in the run (an earlier create-invoice step); others are always there. */
  subject?: SubjectKind;
  /** False while the feature that provides it (invoicing, dunning) is still to come. */
  available: boolean;
  description: string;
}

const f = (name: string, type: FactType, description: string, more: Partial<Fact> = {}): Fact => ({
  name, type, description, available: true, ...more,
});
/** Invoice facts exist once a create-invoice step has run (the checker enforces the order). */
const invoice = { subject: 'invoice' as const };

export const FACTS: readonly Fact[] = [
  f('opportunity.id', 'string', 'recflow id of the opportunity'),
  f('opportunity.externalId', 'string', "the CRM's id of the card"),
  f('opportunity.title', 'string', 'title of the card'),
  f('opportunity.status', 'string', 'current status'),
  f('opportunity.pipeline', 'string', 'pipeline of the card'),
  f('opportunity.amount', 'money', 'amount; in templates formatted as RON 1,200.00'),
  f('opportunity.currency', 'string', 'ISO 4217 code'),
  f('customer.id', 'string', 'recflow id of the customer'),
  f('customer.name', 'string', 'name'),
  f('customer.email', 'string', "the customer's address"),
  f('customer.language', 'string', 'language of documents and mail, e.g. ro'),
  f('customer.currency', 'string', 'default currency'),
  f('customer.vatId', 'string', 'VAT id'),
  f('customer.serviceStatus', 'string', 'active or suspended (suspension rules set it with update-customer)'),
  f('customer.overdueAmount', 'money', "open amount of its overdue invoices in the customer's currency, as of the run's day"),
  f('customer.overdueInvoices', 'number', 'how many of its invoices are open past their due date'),
  f('customer.overdueDays', 'number', 'days the oldest open overdue invoice is past due (0 when none)'),
  f('customer.invoicesDue', 'string', 'its open invoices not overdue yet, one per line: number · open amount · due date'),
  f('customer.invoicesOverdue', 'string', 'its open overdue invoices, one per line, oldest first'),
  f('event.id', 'string', 'id of the event that fired the run'),
  f('event.type', 'string', 'its type, e.g. opportunity/status-changed'),
  f('event.from', 'string', 'previous status (status changes)'),
  f('event.to', 'string', 'new status (status changes)'),
  f('event.occurredAt', 'date', 'when it happened (ISO 8601)'),
  f('event.date', 'string', "the day it happened in the tenant's time zone, e.g. 2026-03-01"),
  f('event.level', 'number', 'dunning/level-reached: the level (1–3)'),
  f('event.days', 'number', 'invoice/due-soon and invoice/overdue: the days before or after the due date'),
  f('event.amount', 'string', 'payment/received, payment/reversed: the amount, e.g. EUR 40.00'),
  f('run.approvedBy', 'string', 'who approved the last require-approval step'),
  f('invoice.number', 'string', 'number of the invoice the run created, e.g. PF-2026-0001', invoice),
  f('invoice.kind', 'string', 'proforma, final or credit_note', invoice),
  f('invoice.amount', 'money', 'invoice total (gross)', invoice),
  f('invoice.openAmount', 'money', 'amount still unpaid', invoice),
  f('invoice.currency', 'string', 'ISO 4217 code', invoice),
  f('invoice.dueDate', 'date', 'due date, e.g. 2026-03-16', invoice),
  f('invoice.status', 'string', 'issued, sent, due, partially_paid, reminded, paid, cancelled, …', invoice),
  f('invoice.remindersSent', 'number', 'reminders sent so far (dunning)', invoice),
  f('invoice.daysOverdue', 'number', 'days past the due date while open; 0 otherwise', invoice),
];

/** Custom fields of the opportunity: opportunity.custom.<field>, any type. */
export const CUSTOM_PREFIX = 'opportunity.custom.';
/** Custom fields of the customer (set by update-customer or the API): customer.custom.<field>. */
export const CUSTOMER_CUSTOM_PREFIX = 'customer.custom.';

export function findFact(name: string): Fact | undefined {
  if (name.startsWith(CUSTOM_PREFIX) && name.length > CUSTOM_PREFIX.length) {
    return f(name, 'any', 'custom field of the opportunity');
  }
  if (name.startsWith(CUSTOMER_CUSTOM_PREFIX) && name.length > CUSTOMER_CUSTOM_PREFIX.length) {
    return f(name, 'any', 'custom field of the customer');
  }
  return FACTS.find((x) => x.name === name);
}

/** Where a condition reads a fact in the facts object: money compares its minor units. */
export function valuePath(fact: Fact): { path: string; currencyPath?: string } {
  if (fact.type !== 'money') return { path: fact.name };
  const parent = fact.name.slice(0, fact.name.lastIndexOf('.'));
  return { path: `${fact.name}Minor`, currencyPath: `${parent}.currency` };
}

/** Reads a dotted path from a plain object. */
export function readPath(values: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), values);
}
