// The invoice services on real SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/platform/db.js';
import * as inv from '../../src/invoicing/index.js';
import { courseLine, tenantWithCustomer, testDatabase, type Provider } from './support.js';

describe.each(['sqlite', 'postgresql'] as Provider[])('invoice life cycle on %s', (provider) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ db, cleanup } = await testDatabase(provider)));
  afterAll(async () => cleanup?.());

  it('creates a draft with totals and parts, issues it with a tenant-local date and number, then freezes it', async () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Bucharest: the number's year follows the tenant.
    const { tenant, customer, ctx } = await tenantWithCustomer(db, { now: new Date('2026-12-31T23:30:00Z') });
    const draft = await inv.createDraft(ctx, {
      tenantId: tenant.id,
      customerId: customer.id,
      kind: 'final',
      lines: [courseLine, { description: 'Carte', quantity: '2.5', unitPriceMinor: 3999, discountBp: 1000, taxRateBp: 900 }],
      prepayment: { percentBp: 3000, dueDate: '2027-01-05' },
    });
    expect(draft).toMatchObject({ status: 'draft', number: null, currency: 'RON', language: 'ro', netMinor: 108998, taxMinor: 19810, grossMinor: 128808, dueDate: '2027-01-15' });
    expect(draft.taxBreakdown).toEqual([
      { taxRateBp: 1900, netMinor: 100000, taxMinor: 19000, grossMinor: 119000 },
      { taxRateBp: 900, netMinor: 8998, taxMinor: 810, grossMinor: 9808 },
    ]);
    expect(draft.parts.map((p) => [p.kind, p.amountMinor, p.dueDate])).toEqual([['prepayment', 38642], ['remaining', 90166]].map(([k, a], i) => [k, a, ['2027-01-05', '2027-01-15'][i]]));
    expect(draft.lines[1]).toMatchObject({ quantity: '2.5', quantityMilli: 2500, netMinor: 8998 });

    const issued = await inv.issueInvoice(ctx, { tenantId: tenant.id, invoiceId: draft.id });
    expect(issued).toMatchObject({ status: 'issued', number: 'INV-2027-0001', issueDate: '2027-01-01', openMinor: 128808, statusLabel: 'Issued' });
    expect(await inv.issueInvoice(ctx, { tenantId: tenant.id, invoiceId: draft.id })).toMatchObject({ number: 'INV-2027-0001' });
    await expect(inv.updateDraft(ctx, { tenantId: tenant.id, invoiceId: draft.id }, { notes: 'x' })).rejects.toThrow(/cannot be edited/);
    const audit = await db.auditEvent.findMany({ where: { entity: 'invoice', entityId: draft.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['created', 'test'], ['issue', 'test']]);
  });

  it('edits a draft and recomputes totals', async () => {
    const { tenant, customer, ctx } = await tenantWithCustomer(db);
    const draft = await inv.createDraft(ctx, { tenantId: tenant.id, customerId: customer.id, kind: 'proforma', lines: [courseLine] });
    const edited = await inv.updateDraft(ctx, { tenantId: tenant.id, invoiceId: draft.id }, { lines: [{ ...courseLine, quantity: '3' }], notes: 'three seats' });
    expect(edited).toMatchObject({ grossMinor: 357000, notes: 'three seats', lines: [expect.objectContaining({ quantity: '3' })], parts: [expect.objectContaining({ amountMinor: 357000 })] });
  });

  it('takes payments prepayment first, then marks paid; paying again changes nothing', async () => {
    const { tenant, customer, ctx } = await tenantWithCustomer(db);
    const draft = await inv.createDraft(ctx, { tenantId: tenant.id, customerId: customer.id, kind: 'final', lines: [courseLine], prepayment: { amountMinor: 50_000, dueDate: '2026-11-30' } });
    const ref = { tenantId: tenant.id, invoiceId: draft.id };
    await expect(inv.recordPayment(ctx, ref)).rejects.toThrow(/"draft" cannot payment/);
    await inv.issueInvoice(ctx, ref);
    const partial = await inv.recordPayment(ctx, { ...ref, amountMinor: 60_000, reference: 'OP 1' });
    expect(partial).toMatchObject({ status: 'partially_paid', paidMinor: 60_000, openMinor: 59_000 });
    expect(partial.parts.map((p) => p.paidMinor)).toEqual([50_000, 10_000]);
    const paid = await inv.recordPayment(ctx, ref);
    expect(paid).toMatchObject({ status: 'paid', paidMinor: 119_000, openMinor: 0 });
    expect(await inv.recordPayment(ctx, ref)).toMatchObject({ status: 'paid', paidMinor: 119_000 });
    expect(await db.payment.count({ where: { invoiceId: draft.id } })).toBe(2);
    await expect(inv.cancelInvoice(ctx, ref)).rejects.toThrow(/"paid" cannot cancel/);
  });

  it('cancels an issued invoice: it keeps its number and a storno in the same series negates it', async () => {
    const { tenant, customer, ctx } = await tenantWithCustomer(db);
    const a = await inv.createDraft(ctx, { tenantId: tenant.id, customerId: customer.id, kind: 'final', lines: [courseLine] });
    await inv.issueInvoice(ctx, { tenantId: tenant.id, invoiceId: a.id });
    const { invoice, storno } = await inv.cancelInvoice(ctx, { tenantId: tenant.id, invoiceId: a.id, reason: 'wrong customer' });
    expect(invoice).toMatchObject({ status: 'cancelled', number: 'INV-2026-0001', openMinor: 0 });
    expect(storno).toMatchObject({ kind: 'storno', number: 'INV-2026-0002', referenceId: a.id, grossMinor: -119_000, netMinor: -100_000, taxMinor: -19_000, openMinor: 0 });
    expect(storno!.lines[0]).toMatchObject({ quantity: '-1', unitPriceMinor: 100_000 });
    const again = await inv.cancelInvoice(ctx, { tenantId: tenant.id, invoiceId: a.id });
    expect(again.storno?.id).toBe(storno!.id);
  });

  it('manual dispatch: issued invoices wait for a release, and the status says so', async () => {
    const { tenant, customer, ctx } = await tenantWithCustomer(db, { dispatchMode: 'manual' });
    const d = await inv.createDraft(ctx, { tenantId: tenant.id, customerId: customer.id, kind: 'final', lines: [courseLine] });
    const ref = { tenantId: tenant.id, invoiceId: d.id };
    expect(await inv.issueInvoice(ctx, ref)).toMatchObject({ status: 'awaiting_release', dispatch: 'manual' });
    await expect(inv.markSent(ctx, ref)).rejects.toThrow(/awaiting_release/);
    expect(await inv.releaseInvoice(ctx, ref)).toMatchObject({ status: 'issued', releasedAt: expect.any(String) });
    expect(await inv.markSent(ctx, ref)).toMatchObject({ status: 'sent' });
    expect(await inv.markDue(ctx, ref)).toMatchObject({ status: 'due' });
    const reminded = await inv.recordReminder(ctx, { ...ref, part: 'remaining' });
    expect(reminded).toMatchObject({ status: 'reminded', statusLabel: 'Reminder 1 sent', parts: [expect.objectContaining({ reminderCount: 1, lastReminderDate: '2026-11-23' })] });
  });

  it('opportunity → proforma → paid → final invoice settled by the proforma, once', async () => {
    const { tenant, customer, ctx } = await tenantWithCustomer(db);
    const opp = await db.opportunity.create({
      data: { tenantId: tenant.id, customerId: customer.id, externalId: 'OPP-1', title: 'Curs', pipeline: 'enrolment', status: 'new', amountMinor: 120_000, currency: 'RON', customFields: {} },
    });
    const proforma = await inv.proformaFromOpportunity(ctx, { tenantId: tenant.id, opportunityId: opp.id, taxRateBp: 1900 });
    expect(proforma).toMatchObject({ kind: 'proforma', number: 'PF-2026-0001', grossMinor: 142_800, opportunityId: opp.id });
    expect((await inv.proformaFromOpportunity(ctx, { tenantId: tenant.id, opportunityId: opp.id })).id).toBe(proforma.id);
    await inv.recordPayment(ctx, { tenantId: tenant.id, invoiceId: proforma.id });
    const final = await inv.finalFromProforma(ctx, { tenantId: tenant.id, proformaId: proforma.id });
    expect(final).toMatchObject({ kind: 'final', number: 'INV-2026-0001', referenceId: proforma.id, status: 'paid', paidMinor: 142_800, grossMinor: 142_800 });
    expect((await inv.finalFromProforma(ctx, { tenantId: tenant.id, proformaId: proforma.id })).id).toBe(final.id);
    expect(await db.payment.count({ where: { customerId: customer.id } })).toBe(1);
  });

  it('credits part of an invoice and shows it all in the financial picture', async () => {
    const { tenant, customer, ctx } = await tenantWithCustomer(db);
    await db.customer.update({ where: { id: customer.id }, data: { creditLimitMinor: 500_000 } });
    const t = tenant.id;
    const a = await inv.issueInvoice(ctx, { tenantId: t, invoiceId: (await inv.createDraft(ctx, { tenantId: t, customerId: customer.id, kind: 'final', lines: [courseLine], dueDate: '2026-11-01' })).id });
    const b = await inv.issueInvoice(ctx, { tenantId: t, invoiceId: (await inv.createDraft(ctx, { tenantId: t, customerId: customer.id, kind: 'final', lines: [courseLine] })).id });
    const eur = await inv.issueInvoice(ctx, { tenantId: t, invoiceId: (await inv.createDraft(ctx, { tenantId: t, customerId: customer.id, kind: 'final', currency: 'EUR', lines: [{ ...courseLine, unitPriceMinor: 1000 }] })).id });
    const cn = await inv.creditNote(ctx, { tenantId: t, invoiceId: b.id, lines: [{ description: 'Discount', quantity: '1', unitPriceMinor: 10_000, taxRateBp: 1900 }] });
    expect(cn).toMatchObject({ kind: 'credit_note', number: 'CN-2026-0001', grossMinor: -11_900, referenceId: b.id });
    await inv.recordPayment(ctx, { tenantId: t, invoiceId: b.id, amountMinor: 50_000, paidOn: '2026-11-23' });
    // Overpayment credit as a bank import keeps it (test/payments covers the import); a reversed one no longer counts.
    await db.customerCredit.create({ data: { tenantId: t, customerId: customer.id, amountMinor: 2_500n, currency: 'RON', reason: 'overpayment' } });
    await db.customerCredit.create({ data: { tenantId: t, customerId: customer.id, amountMinor: 900n, currency: 'RON', reason: 'overpayment', reversedAt: new Date() } });
    const pic = await inv.financialPicture(ctx, { tenantId: t, customerId: customer.id, from: '2026-11-01', to: '2026-11-30' });
    expect(pic.currencies).toEqual([
      { currency: 'EUR', turnoverNetMinor: 1000, invoicedGrossMinor: 1190, creditedGrossMinor: 0, paymentsMinor: 0, openMinor: 1190, overdueMinor: 0, openProformasMinor: 0, creditMinor: 0 },
      { currency: 'RON', turnoverNetMinor: 190_000, invoicedGrossMinor: 238_000, creditedGrossMinor: -11_900, paymentsMinor: 50_000, openMinor: 119_000 + 69_000 - 11_900, overdueMinor: 119_000, openProformasMinor: 0, creditMinor: 2_500 },
    ]);
    expect(pic.creditLimit).toEqual({ currency: 'RON', limitMinor: 500_000, usedMinor: 176_100, usedBp: 3522 });
    expect(pic.invoices.map((i) => i.number)).toEqual([a.number, b.number, eur.number]);
    expect(pic.creditNotes.map((i) => i.number)).toEqual(['CN-2026-0001']);
    expect(await inv.listInvoices(ctx, { tenantId: t, overdue: true })).toEqual([expect.objectContaining({ id: a.id })]);
    expect((await inv.listInvoices(ctx, { tenantId: t, payment: 'unpaid', kind: 'final' })).map((i) => i.number).sort()).toEqual([a.number, b.number, eur.number].sort());
  });
});
