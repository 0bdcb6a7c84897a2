import type { Db } from '../platform/db.js';

/** What every invoicing service needs: the database, who acts (a user, token or workflow id), a clock. */
export interface InvoicingContext {
  db: Db;
  /** Written to the audit trail, e.g. "api:<token id>" or a workflow id. */
  actor: string;
  now?: () => Date;
}

export const INVOICING_ERROR_CODES = ['not_found', 'invalid_state', 'invalid_input', 'conflict'] as const;
export type InvoicingErrorCode = (typeof INVOICING_ERROR_CODES)[number];

/**
 * A business error: retrying will not help (activities should make it non-retryable),
 * except `conflict`, which a concurrent change caused.
 */
export class InvoicingError extends Error {
  constructor(
    readonly code: InvoicingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InvoicingError';
  }
}

export function nowOf(ctx: InvoicingContext): Date {
  return ctx.now?.() ?? new Date();
}
