import { describe, expect, it } from 'vitest';
import { buyerFromCustomer, invoiceDocumentFromView, renderInvoicePdf } from '../../src/documents/invoice.js';
import type { InvoiceView } from '../../src/invoicing/view.js';
import { pdfToText } from '../support/pdf-text.js';
import { SELLER } from './fixtures.js';

const view: InvoiceView = {
  id: 'inv-1', tenantId: 't', customerId: 'c', kind: 'final', series: 'INV', number: 'INV-2026-0003', status: 'issued', statusLabel: 'Issued',
  reminderCount: 0, dispatch: 'auto', issueDate: '2026-03-14', dueDate: '2026-03-28', currency: 'RON', language: 'ro',
  netMinor: 100000, taxMinor: 19000, grossMinor: 119000, paidMinor: 0, openMinor: 119000,
  taxBreakdown: [{ taxRateBp: 1900, netMinor: 100000, taxMinor: 19000, grossMinor: 119000 }],
  referenceId: 'pf-1', opportunityId: null, sourceKey: null, notes: 'Mulțumim!', issuedAt: null, releasedAt: null, cancelledAt: null, createdAt: '2026-03-14T10:00:00.000Z',
  lines: [{ position: 1, productId: null, description: 'Curs de chitară', unit: 'buc', quantity: '1', quantityMilli: 1000, unitPriceMinor: 100000, discountBp: 0, taxRateBp: 1900, netMinor: 100000, taxMinor: 19000, grossMinor: 119000 }],
  parts: [{ kind: 'remaining', amountMinor: 119000, dueDate: '2026-03-28', paidMinor: 0, reminderCount: 0, lastReminderDate: null }],
};
const customer = { name: 'Ioana Mureșan', addressLine1: 'Str. Florilor 3', addressLine2: null, postalCode: '400001', city: 'Cluj-Napoca', country: 'RO', vatId: null };

describe('renderInvoicePdf (from the invoicing view)', () => {
  it('renders a final invoice that names its proforma', async () => {
    const text = (await pdfToText(await renderInvoicePdf(view, { seller: SELLER, buyer: buyerFromCustomer(customer), reference: { number: 'PF-2026-0001', issueDate: '2026-03-01' } }))).replace(/\s+/g, ' ');
    for (const expected of ['Factură INV-2026-0003', 'Ioana Mureșan', '400001 Cluj-Napoca', 'Factură proformă: PF-2026-0001 (01.03.2026)', 'Curs de chitară', 'Total de plată: 1.190,00 lei, scadent la 28.03.2026', 'Mulțumim!']) {
      expect(text).toContain(expected);
    }
  });

  it('maps kinds and refuses drafts', () => {
    expect(invoiceDocumentFromView({ ...view, kind: 'storno' }, { seller: SELLER, buyer: buyerFromCustomer(customer), reference: { number: 'INV-2026-0001' } }).references).toEqual([{ kind: 'original', number: 'INV-2026-0001' }]);
    expect(() => invoiceDocumentFromView({ ...view, number: null }, { seller: SELLER, buyer: buyerFromCustomer(customer) })).toThrow(/issue it before/);
  });
});
