// The payments API in-process on real databases: every response checked against its
// documented schema (test/api/support.ts client).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/api/auth.js';
import type { Db } from '../../src/platform/db.js';
import { client, testApp, tenantWithToken } from '../api/support.js';
import { testDatabase, type Provider } from '../invoicing/support.js';
import { receivablesTenant } from './support.js';

const text = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe.each(['sqlite', 'postgresql'] as Provider[])('payments API on %s', (provider) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recflow-payments-api-'));
  beforeAll(async () => ({ db, cleanup } = await testDatabase(provider)));
  afterAll(async () => {
    await cleanup?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('templates as YAML files, an import at a glance, the review list, undo, allocate and ignore', async () => {
    const t = await receivablesTenant(db);
    const { token } = await createApiToken(db, t.tenant.id, 'test');
    const app = testApp(db, { dataDir });
    const call = client(app, token);

    const bad = await call('PUT', '/v1/payment-mapping-templates/bank-a', { delimiter: ';', columns: { bookingDate: 'Buchungstag', reference: 'Text' } });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/columns.amount: name the amount column/);
    const put = await call('PUT', '/v1/payment-mapping-templates/bank-a', text('bank-a.yaml'), { 'content-type': 'application/yaml' });
    expect(put.status).toBe(200);
    expect(put.body.template).toMatchObject({ name: 'bank-a', delimiter: ';', dateFormat: 'DD.MM.YYYY' });
    const file = path.join(dataDir, 'mappings', t.tenant.slug, 'bank-a.yaml');
    expect(readFileSync(file, 'utf8')).toBe(text('bank-a.yaml'));
    expect((await call('GET', '/v1/payment-mapping-templates')).body).toEqual(['bank-a']);

    const csv = { 'content-type': 'text/csv' };
    const imp = await call('POST', '/v1/payment-imports?template=bank-a&fileName=march.csv', text('march.csv'), csv);
    expect(imp.status).toBe(201);
    expect(imp.body).toMatchObject({ fileName: 'march.csv', template: 'bank-a', summary: { matched: 0, split: 1, partial: 1, overpaid: 1, review: 2, ignored: 1, duplicate: 0 } });
    expect(imp.body.transactions.map((l: { line: number; outcome: string }) => `${l.line}:${l.outcome}`)).toEqual(['2:split', '3:partial', '4:overpaid', '5:review', '6:review', '7:ignored']);
    const again = await call('POST', '/v1/payment-imports?template=bank-a', text('march.csv'), csv);
    expect([again.status, again.body.message]).toEqual([422, expect.stringMatching(/already imported/)]);
    const broken = await call('POST', '/v1/payment-imports?template=bank-a&fileName=broken.csv', text('broken.csv'), csv);
    expect(broken.status).toBe(422);
    expect(broken.body).toMatchObject({ error: 'invalid_statement', details: { errors: [{ line: 3 }] } });
    expect(broken.body.message).toMatch(/→ at broken.csv:3/);
    const noTemplate = await call('POST', '/v1/payment-imports', text('april.csv'), csv);
    expect([noTemplate.status, noTemplate.body.message]).toEqual([422, expect.stringMatching(/name its mapping template/)]);

    const review = await call('GET', '/v1/bank-transactions?outcome=review');
    expect(review.body.map((l: { line: number }) => l.line)).toEqual([5, 6]);
    const split = imp.body.transactions[0];
    const undo = await call('POST', `/v1/allocations/${split.allocations[1].paymentId}/undo`);
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ invoiceStatus: 'issued', transaction: { outcome: 'review', unallocatedMinor: 100_000 } });
    const allocated = await call('POST', `/v1/bank-transactions/${split.id}/allocate`, { invoiceId: 'INV-2026-0001' });
    expect(allocated.body).toMatchObject({ outcome: 'manual', unallocatedMinor: 0 });
    const ignored = await call('POST', `/v1/bank-transactions/${review.body[0].id}/ignore`, { reason: 'refunded' });
    expect(ignored.body).toMatchObject({ outcome: 'ignored' });
    const undoAgain = await call('POST', `/v1/allocations/${split.allocations[1].paymentId}/undo`);
    expect(undoAgain.status).toBe(422);

    const read = await call('GET', `/v1/payment-imports/${imp.body.id}?limit=2&offset=1`);
    expect(read.body.transactions.map((l: { line: number }) => l.line)).toEqual([3, 4]);
    const other = await tenantWithToken(db, 'other');
    expect((await client(app, other.token)('GET', `/v1/payment-imports/${imp.body.id}`)).status).toBe(404);
    expect((await client(app, other.token)('POST', `/v1/allocations/${split.allocations[0].paymentId}/undo`)).status).toBe(404);

    // multipart upload of a camt.053 file, format detected
    const form = new FormData();
    form.set('file', new Blob([readFileSync(new URL('../receivables/fixtures/camt053.xml', import.meta.url))]), 'camt053.xml');
    const res = await app.request('/v1/payment-imports', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ fileName: 'camt053.xml', format: 'camt.053', lines: 3 });

    // A Windows-1252 CSV with an Idempotency-Key: the route sees the raw bytes (ü stays ü),
    // and the repeat is answered from the stored response instead of "already imported".
    const sparkasse = readFileSync(new URL('../receivables/fixtures/sparkasse.yaml', import.meta.url), 'utf8');
    expect((await call('PUT', '/v1/payment-mapping-templates/sparkasse', sparkasse, { 'content-type': 'application/yaml' })).status).toBe(200);
    const bytes = readFileSync(new URL('../receivables/fixtures/sparkasse-1252.csv', import.meta.url));
    const upload = () => app.request('/v1/payment-imports?template=sparkasse&fileName=sparkasse.csv', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'idempotency-key': 'upload-1252' }, body: bytes });
    const first = await upload();
    const firstBody = await first.json();
    expect(first.status, JSON.stringify(firstBody)).toBe(201);
    expect(firstBody.transactions.map((l: { payerName: string | null }) => l.payerName)).toContain('Jürgen Müller GmbH');
    const repeat = await upload();
    expect([repeat.status, repeat.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect((await repeat.json()).id).toBe(firstBody.id);

    expect((await call('DELETE', '/v1/payment-mapping-templates/bank-a')).status).toBe(200);
    expect(existsSync(file)).toBe(false);
    expect((await call('GET', '/v1/payment-mapping-templates/bank-a')).status).toBe(404);
  });
});
