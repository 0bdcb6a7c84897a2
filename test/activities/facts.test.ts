// loadFacts on a real SQLite database: the "rule-fired" audit entry, once per run.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFacts } from '../../activities/facts.js';
import type { OpportunityStatusChanged } from '../../src/events/catalog.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { migrate } from '../../src/platform/migrate.js';
import { DEMO, seedDemo } from '../../src/seed.js';
import { createTestSqlite } from '../support/postgres.js';

let db: Db;
let dataDir: string;
const sqlite = createTestSqlite();

beforeAll(async () => {
  await migrate(sqlite.url);
  db = await createDb(sqlite.url);
  await seedDemo(db);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-facts-'));
});
afterAll(async () => {
  await db?.$disconnect();
  sqlite.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

const event = (id: string): OpportunityStatusChanged => ({
  type: 'opportunity/status-changed',
  id,
  tenantId: DEMO.tenantId,
  opportunityId: DEMO.opportunityId,
  customerId: DEMO.customerId,
  from: 'new',
  to: 'won',
  occurredAt: new Date().toISOString(),
});

describe('loadFacts', () => {
  const load = (e: OpportunityStatusChanged, workflowId: string) =>
    loadFacts({ db, mailer: undefined as never, dataDir, mailFrom: 'x@recflow.test', mailDomain: 'recflow.test' })({ event: e, now: Date.now(), record: { workflowId, ruleId: 'r', ruleHash: 'h1' } });
  const fired = (workflowId: string) => db.auditEvent.findMany({ where: { actor: workflowId, action: 'rule-fired' }, orderBy: { createdAt: 'asc' } });

  it('records that a rule fired once per run: a retry adds nothing, a later run under the same id adds its own', async () => {
    const workflowId = `rule/r/opportunity:${DEMO.opportunityId}`;
    const facts = await load(event('first'), workflowId);
    expect(facts.opportunity?.id).toBe(DEMO.opportunityId);
    await load(event('first'), workflowId); // the activity retried
    expect((await fired(workflowId)).map((r) => (r.data as { eventId: string }).eventId)).toEqual(['first']);
    await load(event('second'), workflowId); // a later run of a single-mode rule
    expect((await fired(workflowId)).map((r) => (r.data as { eventId: string }).eventId)).toEqual(['first', 'second']);
    expect((await fired(workflowId))[0]).toMatchObject({ entity: 'opportunity', entityId: DEMO.opportunityId, tenantId: DEMO.tenantId });
  });
});
