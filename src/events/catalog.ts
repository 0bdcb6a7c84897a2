/**
 * The typed event catalog. Events are what a CRM (or the API) reports; rules name them
 * as triggers. Kept free of I/O so workflow code may import the types.
 */
export const EVENT_TYPES = ['opportunity/status-changed'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface OpportunityStatusChanged {
  type: 'opportunity/status-changed';
  /** Idempotency key: the same event delivered twice has the same id. */
  id: string;
  tenantId: string;
  opportunityId: string;
  customerId: string;
  from: string | null;
  to: string;
  /** ISO 8601 with offset. */
  occurredAt: string;
}

export type RecflowEvent = OpportunityStatusChanged;
