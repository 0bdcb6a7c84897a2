// The invoice life cycle as a pure state machine. The status is what the CRM is told
// (seed 001: Draft, Due, Sent, Paid, "Reminder n sent"); reminderCount carries the n.

export const INVOICE_STATUSES = [
  'draft',
  /** Issued for a customer on manual dispatch: waits for someone to release it. */
  'awaiting_release',
  'issued',
  'sent',
  'due',
  'partially_paid',
  'paid',
  'reminded',
  'cancelled',
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export type InvoiceEvent =
  | { type: 'issue'; dispatch: 'auto' | 'manual' }
  | { type: 'release' }
  | { type: 'send' }
  | { type: 'fall_due' }
  | { type: 'payment'; paidMinor: number; grossMinor: number }
  | { type: 'remind' }
  | { type: 'cancel' };

export interface StatusState {
  status: InvoiceStatus;
  reminderCount: number;
}

const OPEN: readonly InvoiceStatus[] = ['awaiting_release', 'issued', 'sent', 'due', 'partially_paid', 'reminded'];

/** Which statuses each event may leave from. */
const FROM: Record<InvoiceEvent['type'], readonly InvoiceStatus[]> = {
  issue: ['draft'],
  release: ['awaiting_release'],
  send: ['issued'],
  fall_due: ['issued', 'sent'],
  payment: OPEN,
  remind: ['due', 'partially_paid', 'reminded'],
  cancel: ['draft', ...OPEN],
};

export class InvalidTransition extends Error {
  constructor(readonly from: InvoiceStatus, readonly event: InvoiceEvent['type']) {
    super(`an invoice in status "${from}" cannot ${event.replace('_', ' ')}; allowed: ${allowedEvents(from).join(', ') || 'nothing (final status)'}`);
  }
}

export function allowedEvents(status: InvoiceStatus): InvoiceEvent['type'][] {
  return (Object.keys(FROM) as InvoiceEvent['type'][]).filter((e) => FROM[e].includes(status));
}

/**
 * The next state, or InvalidTransition.
 * @example transition({ status: 'due', reminderCount: 0 }, { type: 'remind' }) // { status: 'reminded', reminderCount: 1 }
 */
export function transition(state: StatusState, event: InvoiceEvent): StatusState {
  if (!FROM[event.type].includes(state.status)) throw new InvalidTransition(state.status, event.type);
  switch (event.type) {
    case 'issue':
      return { ...state, status: event.dispatch === 'manual' ? 'awaiting_release' : 'issued' };
    case 'release':
      return { ...state, status: 'issued' };
    case 'send':
      return { ...state, status: 'sent' };
    case 'fall_due':
      return { ...state, status: 'due' };
    case 'payment':
      if (event.paidMinor >= event.grossMinor) return { ...state, status: 'paid' };
      return event.paidMinor > 0 ? { ...state, status: 'partially_paid' } : state;
    case 'remind':
      return { status: 'reminded', reminderCount: state.reminderCount + 1 };
    case 'cancel':
      return { ...state, status: 'cancelled' };
  }
}

/** The words a CRM shows. @example statusLabel({ status: 'reminded', reminderCount: 2 }) // 'Reminder 2 sent' */
export function statusLabel(state: StatusState): string {
  if (state.status === 'reminded') return `Reminder ${state.reminderCount} sent`;
  const words = state.status.replace('_', ' ');
  return words[0]!.toUpperCase() + words.slice(1);
}

/** Still expecting money: issued and neither paid nor cancelled. */
export function isOpen(status: InvoiceStatus): boolean {
  return OPEN.includes(status);
}
