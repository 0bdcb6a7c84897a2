import type { RecflowEvent } from '../events/catalog.js';
import type { FiredRun } from '../engine/fire.js';
import type { Db } from '../platform/db.js';
import type { RunDeps } from './runs.js';

export interface ApiDeps {
  db: Db;
  /** The tenant of the request being handled: pass `currentTenantId` from ./auth.js (set by the bearer token). */
  tenantId(): string;
  /** Starts the runs an event fires; `firstTime` when this event was never fired before (see FireOptions). */
  fire(event: RecflowEvent, opts?: { firstTime?: boolean }): Promise<FiredRun[]>;
  /** Tells the event dispatcher a request wrote domain events (the outbox), so it need not wait for its next poll. */
  nudge?(): void;
  /** Deep link to a run in the Temporal Web UI. */
  runUrl(workflowId: string): string;
  newId(): string;
  /** Where CSV mapping templates live (<dataDir>/mappings); default: the configured data dir. */
  dataDir?: string;
  /** Run progress, approvals and manual starts; absent in apps without Temporal. */
  runs?: RunDeps;
}
