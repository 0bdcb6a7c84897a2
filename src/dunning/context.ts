import type { Db } from '../platform/db.js';

/** What the dunning services need: the database, who acts (audit trail), a clock. */
export interface DunningContext {
  db: Db;
  /** e.g. "api-token:<id>", "cli" or the run's workflow id. */
  actor: string;
  now?: () => Date;
}

export class DunningError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid_input' | 'invalid_state',
    message: string,
  ) {
    super(message);
    this.name = 'DunningError';
  }
}
