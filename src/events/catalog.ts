/**
 * The typed event catalog: declared once, used as rule triggers (`when.event`), as
 * wait-for-event targets and by producers (API, CLI). Free of I/O so workflow code may
 * import it.
 */
export const EVENT_TYPES = [
  'opportunity/created',
  'opportunity/status-changed',
  'invoice/issued',
  'invoice/due-soon',
  'invoice/overdue',
  'payment/received',
  'payment/reversed',
  'invoice/paid',
  'dunning/level-reached',
  'schedule',
  'manual',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Events something in recflow produces: every one in the catalog (the list stays for rules check). */
export const PRODUCED_EVENTS: readonly EventType[] = EVENT_TYPES;

interface EventBase {
  /** Idempotency key: the same event delivered twice has the same id. */
  id: string;
  tenantId: string;
  customerId: string;
  /** ISO 8601 with offset. */
  occurredAt: string;
}

export interface OpportunityStatusChanged extends EventBase {
  type: 'opportunity/status-changed';
  opportunityId: string;
  from: string | null;
  to: string;
}

export interface OpportunityCreated extends EventBase {
  type: 'opportunity/created';
  opportunityId: string;
}

/** A run started by hand (API or CLI) for one opportunity. */
export interface ManualStart extends EventBase {
  type: 'manual';
  opportunityId: string;
  /** Who started it. */
  by: string;
}

interface InvoiceEventBase extends EventBase {
  invoiceId: string;
  /** Set when the invoice belongs to an opportunity: runs about the opportunity get the event too. */
  opportunityId?: string;
}

/** Issued (numbered). Id `invoice:<id>:issued`. */
export interface InvoiceIssued extends InvoiceEventBase {
  type: 'invoice/issued';
  /** proforma | final | credit_note | storno, as stored. */
  kind: string;
  number: string;
}

/** Money recorded for an invoice. Id `payment:<paymentId>:received`. */
export interface PaymentReceived extends InvoiceEventBase {
  type: 'payment/received';
  paymentId?: string;
  /** Minor units. */
  amountMinor?: number;
  currency?: string;
}

/** A person undid a payment's allocation; the invoice is open again by that much. Id `payment:<paymentId>:reversed`. */
export interface PaymentReversed extends InvoiceEventBase {
  type: 'payment/reversed';
  paymentId: string;
  /** The amount undone, minor units (positive). */
  amountMinor: number;
  currency: string;
}

/** Paid in full. Id `invoice:<id>:paid`. */
export interface InvoicePaid extends InvoiceEventBase {
  type: 'invoice/paid';
}

/** Recorded by the tenant clock: `days` before the due date, or after it while unpaid. Id `invoice:<id>:due-soon:<days>d`. */
export interface InvoiceDateReached extends InvoiceEventBase {
  type: 'invoice/due-soon' | 'invoice/overdue';
  days: number;
  dueDate: string;
}

/** An invoice (part) reached a dunning level. Id `invoice:<id>:<part>:dunning:<level>`. */
export interface DunningLevelReached extends InvoiceEventBase {
  type: 'dunning/level-reached';
  level: number;
  part?: string;
}

export type InvoiceEvent = InvoiceIssued | PaymentReceived | PaymentReversed | InvoicePaid | InvoiceDateReached | DunningLevelReached;

/**
 * A rule's schedule came due (src/engine/schedules.ts), one event per tenant: its subject is
 * the tenant. Id `schedule:<ruleId>:<scheduled time ISO>:<tenantId>`.
 */
export interface ScheduleFired extends Omit<EventBase, 'customerId'> {
  type: 'schedule';
  customerId?: undefined;
  ruleId: string;
  /** The schedule's nominal time (ISO), not when the run happened to start. */
  scheduledAt: string;
}

export type RecflowEvent = OpportunityStatusChanged | OpportunityCreated | ManualStart | InvoiceEvent | ScheduleFired;

/** The ids of the clock's events: one per invoice, trigger and offset. */
export const dateEventId = (invoiceId: string, type: InvoiceDateReached['type'], days: number) =>
  `invoice:${invoiceId}:${type.slice('invoice/'.length)}:${days}d`;

/** What a run is about; search attributes and workflow ids use it. */
export function subjectOf(event: RecflowEvent): { kind: 'opportunity' | 'invoice' | 'tenant'; id: string } {
  if (event.type === 'schedule') return { kind: 'tenant', id: event.tenantId };
  return 'invoiceId' in event ? { kind: 'invoice', id: event.invoiceId } : { kind: 'opportunity', id: event.opportunityId };
}

/** The subject as one string, "<kind>:<id>": the SubjectId search attribute's value. */
export function subjectKey(event: RecflowEvent): string {
  const subject = subjectOf(event);
  return `${subject.kind}:${subject.id}`;
}
