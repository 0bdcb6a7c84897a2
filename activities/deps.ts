import type { Db } from '../src/platform/db.js';
import type { Mailer } from '../src/platform/mail.js';

/** What activities need from the outside world, injected so tests use real parts. */
export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  /** Where documents are written: <dataDir>/documents. */
  dataDir: string;
  mailFrom: string;
  /** Right-hand side of generated Message-IDs. */
  mailDomain: string;
}

/** Facts about the subject of a run, as templates and documents see them. */
export interface OpportunityFacts {
  opportunity?: { id: string; externalId: string; title: string; status: string; amountMinor: number; currency: string };
  customer: { id: string; name: string; email: string; language: string };
  event: { id: string; from: string | null; to: string; occurredAt: string };
}
