// A rule's render-document step on a real SQLite database and folder: one PDF per key
// whatever the retries, and a retry whose file went missing renders it again.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFacts, type RunFacts } from '../../activities/facts.js';
import { renderTemplateDocument } from '../../activities/rule-document.js';
import type { Db } from '../../src/platform/db.js';
import { loadTemplates } from '../../src/rules/load/templates.js';
import type { DocumentVariant } from '../../src/rules/schema/template.js';
import { DEMO } from '../../src/seed.js';
import { pdfToText } from '../support/pdf-text.js';
import { seededSqlite, type SeededSqlite } from '../support/seeded-sqlite.js';

let bed: SeededSqlite;
let db: Db;
let dataDir: string;
let facts: RunFacts;
let variant: DocumentVariant;

beforeAll(async () => {
  bed = await seededSqlite();
  ({ db, dataDir } = bed);
  const event = { type: 'opportunity/status-changed', id: 'doc-1', tenantId: DEMO.tenantId, opportunityId: DEMO.opportunityId, customerId: DEMO.customerId, from: 'new', to: 'won', occurredAt: new Date().toISOString() } as const;
  facts = await loadFacts(bed.deps)({ event, now: Date.now() });
  const { templates } = await loadTemplates(path.join('rules', 'templates'), (f) => f);
  const compiled = templates.get('order-confirmation')!.compiled;
  if (compiled.kind !== 'document') throw new Error('order-confirmation should be a document template');
  variant = compiled.variants.en!;
});
afterAll(async () => {
  await bed?.cleanup();
});

describe('render-document', () => {
  const render = (f = facts) => renderTemplateDocument(bed.deps)({ key: 'rule:r:event:e:step:1', name: 'order-confirmation', variant, facts: f });

  it('writes one PDF per key (its folder made on first use), and a repeat returns it unchanged', async () => {
    const first = await render();
    expect(first.path.startsWith(path.join(dataDir, 'documents'))).toBe(true);
    expect(await pdfToText(first.path)).toContain(facts.customer.name);
    expect(await render()).toEqual(first);
    expect(await db.document.count({ where: { key: first.key } })).toBe(1);
  });

  it('renders again when the file went missing, and the row follows', async () => {
    const first = await render();
    await rm(first.path);
    const again = await render({ ...facts, customer: { ...facts.customer, name: 'Renamed Customer SRL' } });
    expect([again.path, again.sha256 === first.sha256]).toEqual([first.path, false]);
    expect(await pdfToText(again.path)).toContain('Renamed Customer SRL');
    const row = await db.document.findUniqueOrThrow({ where: { key: first.key } });
    expect([row.sha256, row.bytes]).toEqual([again.sha256, (await readFile(again.path)).length]);
  });
});
