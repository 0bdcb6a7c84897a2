// A recurring-invoice request that cannot be done as asked: the message names the field or
// the record and what to do instead. Retrying never helps.
export const RECURRING_ERROR_CODES = ['not_found', 'invalid_input', 'invalid_state', 'conflict'] as const;
export type RecurringErrorCode = (typeof RECURRING_ERROR_CODES)[number];

export class RecurringError extends Error {
  constructor(
    readonly code: RecurringErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RecurringError';
  }
}
