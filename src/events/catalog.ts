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
  'invoice/paid',
  'dunning/level-reached',
  'schedule',
  'manual',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Events something in recflow produces today; the others are declared for features still to come. */
export const PRODUCED_EVENTS: readonly EventType[] = ['opportunity/status-changed', 'manual'];

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

/** Events about an invoice; produced once invoicing lands. */
export interface InvoiceEvent extends EventBase {
  type: 'invoice/issued' | 'invoice/due-soon' | 'invoice/overdue' | 'payment/received' | 'invoice/paid' | 'dunning/level-reached';
  invoiceId: string;
  opportunityId?: string;
  level?: number;
}

export type RecflowEvent = OpportunityStatusChanged | OpportunityCreated | ManualStart | InvoiceEvent;

/** What a run is about; search attributes and workflow ids use it. */
export function subjectOf(event: RecflowEvent): { kind: 'opportunity' | 'invoice'; id: string } {
  return 'invoiceId' in event ? { kind: 'invoice', id: event.invoiceId } : { kind: 'opportunity', id: event.opportunityId };
}
