// Statement imports on real SQLite and PostgreSQL: matched, split, partial, overpaid and
// review lines; all or nothing; the same file twice; overlapping statements; the
// corrections (undo one allocation, allocate, ignore) and the domain events they write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePaidAmounts } from '../../src/invoicing/allocation-writes.js';
import * as inv from '../../src/invoicing/index.js';
import { allocateTransaction, getImport, ignoreTransaction, importStatement, listTransactions, StatementError, undoAllocation } from '../../src/payments/index.js';
import type { Db } from '../../src/platform/db.js';
import { testDatabase, type Provider } from '../invoicing/support.js';
import { fixture, receivablesFixture, receivablesTenant, template } from './support.js';

describe.each(['sqlite', 'postgresql'] as Provider[])('payment import on %s', (provider) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ db, cleanup } = await testDatabase(provider)));
  afterAll(async () => cleanup?.());

  const events = (tenantId: string, invoiceId: string) =>
    db.domainEvent.findMany({ where: { tenantId, type: { in: ['payment/received', 'payment/reversed', 'invoice/paid'] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }).then((rows) => rows.filter((r) => (r.payload as { invoiceId?: string }).invoiceId === invoiceId).map((r) => [r.type, r.eventId, (r.payload as { amountMinor?: number }).amountMinor]));
  const invoice = (ctx: { db: Db; actor: string }, tenantId: string, invoiceId: string) => inv.getInvoice(ctx, { tenantId, invoiceId });

  it('matches, splits oldest due first, leaves partial open, keeps overpayment as credit, sends currency mismatches to review', async () => {
    const t = await receivablesTenant(db);
    const imp = await importStatement(t.ctx, { tenantId: t.tenant.id, bytes: fixture('march.csv'), fileName: 'march.csv', template: template('bank-a.yaml') });
    expect(imp).toMatchObject({ format: 'csv', template: 'bank-a', statementDate: '2026-03-15', lines: 6, duplicateLines: [] });
    expect(imp.summary).toEqual({ lines: 6, matched: 0, split: 1, partial: 1, overpaid: 1, review: 2, ignored: 1, duplicate: 0 });

    const lines = await listTransactions(t.ctx, { tenantId: t.tenant.id, importId: imp.id });
    expect(lines.map((l) => [l.line, l.outcome, l.allocations.map((a) => [a.number, a.amountMinor]), l.creditMinor])).toEqual([
      [2, 'split', [['INV-2026-0002', 78_500], ['INV-2026-0001', 100_000]], 0],
      [3, 'partial', [['INV-2026-0006', 40_000], ['INV-2026-0004', 20_000]], 0],
      [4, 'overpaid', [['INV-2026-0003', 23_800]], 1_200],
      [5, 'review', [], 0],
      [6, 'review', [], 0],
      [7, 'ignored', [], 0],
    ]);
    expect(lines[3]!.reason).toMatch(/currency mismatch: the payment is in EUR, INV-2026-0005 is in RON/);
    expect(lines[3]!.unallocatedMinor).toBe(10_000);

    const status = async (n: string) => (await invoice(t.ctx, t.tenant.id, t.inv[n]!.id)).status;
    expect([await status('0001'), await status('0002'), await status('0003'), await status('0004'), await status('0005'), await status('0006')]).toEqual(['paid', 'paid', 'paid', 'partially_paid', 'issued', 'paid']);
    expect(await invoice(t.ctx, t.tenant.id, t.inv['0004']!.id)).toMatchObject({ paidMinor: 20_000, openMinor: 30_000, parts: [expect.objectContaining({ paidMinor: 20_000 })] });
    const credit = await db.customerCredit.findMany({ where: { customerId: t.customers.baecker.id } });
    expect(credit.map((c) => [Number(c.amountMinor), c.currency, c.transactionId])).toEqual([[1_200, 'EUR', lines[2]!.id]]);
    expect(await db.payment.count({ where: { tenantId: t.tenant.id, source: 'bank' } })).toBe(5);

    // Every allocation wrote payment/received; every invoice it settled, invoice/paid.
    const e1 = await events(t.tenant.id, t.inv['0001']!.id);
    const paymentId = lines[0]!.allocations[1]!.paymentId;
    expect(e1).toEqual([['payment/received', `payment:${paymentId}:received`, 100_000], ['invoice/paid', `invoice:${t.inv['0001']!.id}:paid`, undefined]]);
    expect((await events(t.tenant.id, t.inv['0004']!.id)).map((e) => e[0])).toEqual(['payment/received']);
    expect(await events(t.tenant.id, t.inv['0005']!.id)).toEqual([]);
    const audit = await db.auditEvent.findMany({ where: { entity: 'invoice', entityId: t.inv['0002']!.id, action: 'payment' } });
    expect(audit.map((a) => a.data)).toEqual([expect.objectContaining({ from: 'issued', to: 'paid', source: 'bank', transactionId: lines[0]!.id })]);
  });

  it('refuses the same file twice and skips lines of an overlapping statement as duplicates', async () => {
    const t = await receivablesTenant(db);
    const ref = { tenantId: t.tenant.id, template: template('bank-a.yaml') };
    await importStatement(t.ctx, { ...ref, bytes: fixture('march.csv'), fileName: 'march.csv' });
    await expect(importStatement(t.ctx, { ...ref, bytes: fixture('march.csv'), fileName: 'march-again.csv' })).rejects.toThrow(/march-again.csv was already imported on \d{4}-\d\d-\d\d as march.csv/);
    expect(await db.bankTransaction.count({ where: { tenantId: t.tenant.id } })).toBe(6);

    const april = await importStatement(t.ctx, { ...ref, bytes: fixture('april.csv'), fileName: 'april.csv' });
    expect(april.summary).toMatchObject({ lines: 4, duplicate: 2, matched: 1, review: 1 });
    expect(april.duplicateLines).toEqual([2, 3]);
    expect(await db.bankTransaction.count({ where: { tenantId: t.tenant.id } })).toBe(8);
    expect(await invoice(t.ctx, t.tenant.id, t.inv['0004']!.id)).toMatchObject({ status: 'paid', paidMinor: 50_000 });
  });

  it('imports nothing when one line is bad, and names the line and the reason', async () => {
    const t = await receivablesTenant(db);
    const err = await importStatement(t.ctx, { tenantId: t.tenant.id, bytes: fixture('broken.csv'), fileName: 'broken.csv', template: template('bank-a.yaml') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatementError);
    expect((err as StatementError).errors).toEqual([{ line: 3, message: expect.stringMatching(/"zehn Euro" is not an amount/) }]);
    expect((err as Error).message).toMatch(/→ at broken.csv:3/);
    expect(await db.bankImport.count({ where: { tenantId: t.tenant.id } })).toBe(0);
    expect(await db.payment.count({ where: { tenantId: t.tenant.id } })).toBe(0);
  });

  it('undoing one allocation of a split leaves the other; the amount goes back to review and can be allocated again', async () => {
    const t = await receivablesTenant(db);
    const person = { ...t.ctx, actor: 'user:ana' };
    const imp = await importStatement(t.ctx, { tenantId: t.tenant.id, bytes: fixture('march.csv'), fileName: 'march.csv', template: template('bank-a.yaml') });
    const [split] = await listTransactions(t.ctx, { tenantId: t.tenant.id, importId: imp.id });
    const toFirst = split!.allocations.find((a) => a.number === 'INV-2026-0001')!;

    const undone = await undoAllocation(person, { tenantId: t.tenant.id, paymentId: toFirst.paymentId });
    expect(undone).toMatchObject({ invoiceStatus: 'issued', invoicePaidMinor: 0 });
    expect(undone.transaction).toMatchObject({ outcome: 'review', unallocatedMinor: 100_000, reason: expect.stringMatching(/EUR 1,000.00 to INV-2026-0001 undone by user:ana/) });
    expect(await invoice(t.ctx, t.tenant.id, t.inv['0002']!.id)).toMatchObject({ status: 'paid', paidMinor: 78_500 });
    expect(await invoice(t.ctx, t.tenant.id, t.inv['0001']!.id)).toMatchObject({ status: 'issued', paidMinor: 0, parts: [expect.objectContaining({ paidMinor: 0 })] });
    await expect(undoAllocation(person, { tenantId: t.tenant.id, paymentId: toFirst.paymentId })).rejects.toThrow(/already undone/);
    expect((await listTransactions(t.ctx, { tenantId: t.tenant.id, outcome: 'review' })).map((l) => l.line)).toEqual([2, 5, 6]);

    const again = await allocateTransaction(person, { tenantId: t.tenant.id, transactionId: split!.id, invoice: 'INV-2026-0001' });
    expect(again).toMatchObject({ outcome: 'manual', unallocatedMinor: 0 });
    expect(again.allocations.map((a) => [a.number, a.source, a.reversedAt === null])).toEqual([['INV-2026-0002', 'bank', true], ['INV-2026-0001', 'bank', false], ['INV-2026-0001', 'override', true]]);
    expect(await invoice(t.ctx, t.tenant.id, t.inv['0001']!.id)).toMatchObject({ status: 'paid' });

    const e = await events(t.tenant.id, t.inv['0001']!.id);
    const redo = again.allocations[2]!.paymentId;
    expect(e).toEqual([
      ['payment/received', `payment:${toFirst.paymentId}:received`, 100_000],
      ['invoice/paid', `invoice:${t.inv['0001']!.id}:paid`, undefined],
      ['payment/reversed', `payment:${toFirst.paymentId}:reversed`, 100_000],
      ['payment/received', `payment:${redo}:received`, 100_000],
      ['invoice/paid', `invoice:${t.inv['0001']!.id}:paid:${redo}`, undefined],
    ]);
    const audit = await db.auditEvent.findMany({ where: { entity: 'bank-transaction', entityId: split!.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['allocation-undone', 'user:ana'], ['allocated', 'user:ana']]);
  });

  it('an override remembers the payer IBAN, so the next import matches it; ignore takes a line off the review list', async () => {
    const t = await receivablesTenant(db);
    const ref = { tenantId: t.tenant.id, template: template('bank-a.yaml') };
    const march = await importStatement(t.ctx, { ...ref, bytes: fixture('march.csv'), fileName: 'march.csv' });
    const review = await listTransactions(t.ctx, { tenantId: t.tenant.id, importId: march.id, outcome: 'review' });
    const weiss = review.find((l) => l.payerName === 'Z. Weiss')!;
    expect(weiss.reason).toMatch(/payer is unknown/);
    await expect(allocateTransaction(t.ctx, { tenantId: t.tenant.id, transactionId: weiss.id, invoice: t.inv['0007']!.id, amountMinor: 6_000 })).rejects.toThrow(/more than the EUR 50.00 still unallocated/);
    expect(await allocateTransaction(t.ctx, { tenantId: t.tenant.id, transactionId: weiss.id, invoice: t.inv['0007']!.id })).toMatchObject({ outcome: 'manual', customerId: t.customers.weiss.id });
    expect(await db.customerBankAccount.findMany({ where: { customerId: t.customers.weiss.id }, select: { iban: true } })).toEqual([{ iban: 'DE89370400440532013000' }]);

    const april = await importStatement(t.ctx, { ...ref, bytes: fixture('april.csv'), fileName: 'april.csv' });
    expect(april.summary).toMatchObject({ duplicate: 2, matched: 2, review: 0 });
    expect(await invoice(t.ctx, t.tenant.id, t.inv['0007']!.id)).toMatchObject({ status: 'paid', paidMinor: 7_000 });

    const popescu = review.find((l) => l.payerName === 'Ioana Popescu PFA')!;
    await expect(allocateTransaction(t.ctx, { tenantId: t.tenant.id, transactionId: popescu.id, invoice: 'INV-2026-0005' })).rejects.toThrow(/in RON, the money in EUR/);
    expect(await ignoreTransaction(t.ctx, { tenantId: t.tenant.id, transactionId: popescu.id, reason: 'sent back' })).toMatchObject({ outcome: 'ignored', unallocatedMinor: 0, reason: expect.stringMatching(/sent back/) });
    expect(await listTransactions(t.ctx, { tenantId: t.tenant.id, outcome: 'review' })).toEqual([]);
  });

  it('refuses to write over an invoice that changed since it was read (a conflict), changing nothing', async () => {
    const t = await receivablesTenant(db);
    const id = t.inv['0001']!.id;
    const stale = { invoiceId: id, fromStatus: 'issued', fromPaid: 5_000n, status: 'paid', paidMinor: 100_000, parts: [] };
    await expect(db.$transaction((tx) => writePaidAmounts(tx, new Date(), [stale]))).rejects.toThrow(/1 of the invoices changed while the payments were applied/);
    expect(await invoice(t.ctx, t.tenant.id, id)).toMatchObject({ status: 'issued', paidMinor: 0 });
    await db.$transaction((tx) => writePaidAmounts(tx, new Date(), [{ ...stale, fromPaid: 0n }]));
    expect(await invoice(t.ctx, t.tenant.id, id)).toMatchObject({ status: 'paid', paidMinor: 100_000 });
  });

  it('matches again when an invoice was paid between matching and writing', async () => {
    const t = await receivablesTenant(db);
    let matched = 0;
    const onProgress = async (p: { phase: string; done: number }) => {
      if (p.phase !== 'match' || p.done === 0 || ++matched > 1) return;
      await inv.recordPayment(t.ctx, { tenantId: t.tenant.id, invoiceId: t.inv['0001']!.id }); // someone marks it paid meanwhile
    };
    const imp = await importStatement(t.ctx, { tenantId: t.tenant.id, bytes: fixture('march.csv'), fileName: 'march.csv', template: template('bank-a.yaml'), onProgress });
    expect(matched).toBe(2);
    const [first] = await listTransactions(t.ctx, { tenantId: t.tenant.id, importId: imp.id });
    // INV-2026-0001 is no longer open: 785.00 pays INV-2026-0002, the rest is credit.
    expect(first).toMatchObject({ outcome: 'overpaid', creditMinor: 100_000, allocations: [expect.objectContaining({ number: 'INV-2026-0002', amountMinor: 78_500 })] });
    expect(await db.payment.count({ where: { invoiceId: t.inv['0001']!.id } })).toBe(1);
  });

  it('imports the real statement samples: camt.053, MT940 and a Windows-1252 CSV', async () => {
    const t = await receivablesTenant(db);
    const camt = await importStatement(t.ctx, { tenantId: t.tenant.id, bytes: receivablesFixture('camt053.xml'), fileName: 'camt053.xml' });
    expect(camt).toMatchObject({ format: 'camt.053', lines: 3, statementDate: '2026-03-16' });
    const mt = await importStatement(t.ctx, { tenantId: t.tenant.id, bytes: receivablesFixture('statement.sta'), fileName: 'statement.sta' });
    expect(mt).toMatchObject({ format: 'mt940', lines: 4 });
    // Rechnung INV-2026-0001 und INV-2026-0002 for EUR 1,785.00: Müller's two invoices.
    expect(mt.summary).toMatchObject({ split: 1 });
    const csv = await importStatement(t.ctx, { tenantId: t.tenant.id, bytes: receivablesFixture('sparkasse-1252.csv'), fileName: 'sparkasse.csv', template: template('sparkasse.yaml', '../receivables/fixtures/') });
    // Its first line is the MT940's first payment again, but a different file: both are kept (different bank refs).
    expect(csv).toMatchObject({ format: 'csv', template: 'sparkasse', lines: 4 });
    expect(await getImport(t.ctx, { tenantId: t.tenant.id, importId: csv.id })).toEqual(csv);
  });
});
