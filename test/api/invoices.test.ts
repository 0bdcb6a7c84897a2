// The invoicing API in-process on real SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db.js';
import { pdfToText } from '../support/pdf-text.js';
import { testDatabase, type Provider } from '../invoicing/support.js';
import { client, tenantWithToken, testApp, type Call } from './support.js';

describe.each(['sqlite', 'postgresql'] as Provider[])('invoicing API on %s', (provider) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let call: Call;
  let customerId: string;
  beforeAll(async () => {
    ({ db, cleanup } = await testDatabase(provider));
    const { token } = await tenantWithToken(db, 'atelier');
    call = client(testApp(db), token);
  });
  afterAll(async () => cleanup?.());

  const line = { description: 'Curs', quantity: '2', unitPriceMinor: 50_000, taxRateBp: 1900 };

  it('creates, reads, lists and updates customers and contacts', async () => {
    const created = await call('POST', '/v1/customers', { name: 'Ana Popescu', currency: 'RON', language: 'ro', country: 'RO', creditLimitMinor: 300_000, dispatchMode: 'auto' });
    expect(created).toMatchObject({ status: 201, body: { name: 'Ana Popescu', creditLimitMinor: 300_000, isBusiness: true, paymentTermDays: 14 } });
    customerId = created.body.id;
    expect((await call('PATCH', `/v1/customers/${customerId}`, { vatId: 'RO123', dunningDays1: 5 })).body).toMatchObject({ vatId: 'RO123', dunningDays1: 5 });
    expect((await call('GET', `/v1/customers/${customerId}`)).body.name).toBe('Ana Popescu');
    expect((await call('GET', '/v1/customers')).body.items).toHaveLength(1);
    const contact = await call('POST', `/v1/customers/${customerId}/contacts`, { name: 'Mihai', email: 'contabilitate@example.ro', role: 'accounting' });
    expect(contact.status).toBe(201);
    expect((await call('PATCH', `/v1/contacts/${contact.body.id}`, { name: 'Mihai I.' })).body.name).toBe('Mihai I.');
    expect((await call('GET', `/v1/customers/${customerId}/contacts`)).body.items.map((c: { role: string }) => c.role)).toEqual(['accounting']);
    expect(await call('POST', '/v1/customers', { name: 'X', country: 'Romania' })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^country: /) } });
  });

  it('drafts, edits, issues, pays and cancels invoices; credit notes and final from proforma', async () => {
    const draft = await call('POST', '/v1/invoices', { customerId, kind: 'final', lines: [line] });
    expect(draft).toMatchObject({ status: 201, body: { status: 'draft', grossMinor: 119_000, number: null } });
    const id = draft.body.id;
    expect((await call('PATCH', `/v1/invoices/${id}`, { lines: [{ ...line, quantity: '3' }] })).body.grossMinor).toBe(178_500);
    expect(await call('GET', `/v1/invoices/${id}/pdf`)).toMatchObject({ status: 422, body: { message: expect.stringContaining('draft') } });
    const issued = await call('POST', `/v1/invoices/${id}/issue`);
    expect(issued.body).toMatchObject({ status: 'issued', number: expect.stringMatching(/^INV-\d{4}-0001$/) });
    const pdf = await call('GET', `/v1/invoices/${id}/pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfToText(new Uint8Array(pdf.body as ArrayBuffer));
    expect(text).toContain(issued.body.number);
    expect(text).toContain('Ana Popescu');
    expect(await call('PATCH', `/v1/invoices/${id}`, { notes: 'x' })).toMatchObject({ status: 422, body: { error: 'invalid_state' } });
    expect((await call('POST', `/v1/invoices/${id}/payments`, { amountMinor: 100_000 })).body).toMatchObject({ status: 'partially_paid', openMinor: 78_500 });
    const cn = await call('POST', `/v1/invoices/${id}/credit-note`, { lines: [{ ...line, quantity: '1' }] });
    expect(cn).toMatchObject({ status: 201, body: { kind: 'credit_note', grossMinor: -59_500, referenceId: id } });
    const cancelled = await call('POST', `/v1/invoices/${id}/cancel`, { reason: 'test' });
    expect(cancelled.body).toMatchObject({ invoice: { status: 'cancelled' }, storno: { kind: 'storno', grossMinor: -178_500 } });

    const proforma = await call('POST', '/v1/invoices', { customerId, kind: 'proforma', lines: [line], prepayment: { percentBp: 5000, dueDate: '2030-01-01' } });
    await call('POST', `/v1/invoices/${proforma.body.id}/issue`);
    expect((await call('POST', `/v1/invoices/${proforma.body.id}/payments`)).body).toMatchObject({ status: 'paid' });
    const final = await call('POST', `/v1/invoices/${proforma.body.id}/final`);
    expect(final.body).toMatchObject({ kind: 'final', referenceId: proforma.body.id, status: 'paid' });

    const list = async (q: string) => (await call('GET', `/v1/invoices?${q}`)).body.items.map((i: { kind: string; status: string }) => `${i.kind}:${i.status}`).sort();
    expect(await list('payment=paid')).toEqual(['final:paid', 'proforma:paid']);
    expect(await list('kind=credit_note')).toEqual(['credit_note:issued']);
    expect(await list(`customerId=${customerId}&status=cancelled`)).toEqual(['final:cancelled']);
    expect(await list('from=2000-01-01&to=2000-12-31')).toEqual([]);
    expect(await call('GET', '/v1/invoices?payment=maybe')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^payment: /) } });

    const picture = await call('GET', `/v1/customers/${customerId}/financial-picture?from=2000-01-01&to=2100-01-01`);
    expect(picture.body.currencies).toEqual([expect.objectContaining({ currency: 'RON', paymentsMinor: 100_000 + 119_000 })]);
    expect(picture.body.creditLimit).toMatchObject({ limitMinor: 300_000 });
  });

  it('answers 404 for unknown ids and 422 for impossible steps', async () => {
    expect((await call('GET', '/v1/invoices/nope')).status).toBe(404);
    const d = await call('POST', '/v1/invoices', { customerId, kind: 'final', lines: [line] });
    expect(await call('POST', `/v1/invoices/${d.body.id}/release`)).toMatchObject({ status: 422, body: { message: expect.stringContaining('"draft" cannot release') } });
    expect(await call('POST', '/v1/invoices', { customerId: 'nope', kind: 'final', lines: [line] })).toMatchObject({ status: 422 });
  });
});
