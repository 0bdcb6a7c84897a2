// loadFacts on a real SQLite database: the "rule-fired" audit entry, once per run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFacts } from '../../activities/facts.js';
import type { OpportunityStatusChanged } from '../../src/events/catalog.js';
import type { Db } from '../../src/platform/db.js';
import { DEMO } from '../../src/seed.js';
import { seededSqlite, type SeededSqlite } from '../support/seeded-sqlite.js';

let bed: SeededSqlite;
let db: Db;

beforeAll(async () => {
  bed = await seededSqlite();
  db = bed.db;
});
afterAll(async () => {
  await bed?.cleanup();
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
    loadFacts(bed.deps)({ event: e, now: Date.now(), record: { workflowId, ruleId: 'r', ruleHash: 'h1' } });
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
