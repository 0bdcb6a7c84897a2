import { describe, expect, it } from 'vitest';
import { epcAmount, EpcError, epcPayload, epcQrModules, normalizeIban } from '../../src/documents/epc.js';
import { renderInvoiceDocument } from '../../src/documents/invoice.js';
import { decodeQrFromPdf } from '../support/qr-decode.js';
import { sampleInvoice } from './fixtures.js';

const transfer = { name: 'Școala de Muzică SRL', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', amountMinor: 224219, remittance: 'INV-2026-0001' };

describe('EPC QR payload (EPC069-12, version 002)', () => {
  it('has the fields in the standard order, one per line, trailing empty ones dropped', () => {
    expect(epcPayload(transfer).split('\n')).toEqual([
      'BCD', '002', '1', 'SCT', 'COBADEFFXXX', 'Școala de Muzică SRL', 'DE89370400440532013000', 'EUR2242.19', '', '', 'INV-2026-0001',
    ]);
  });

  it('writes amounts as EUR with a dot and two decimals, within 0.01 … 999999999.99', () => {
    expect([1, 10, 123456, 99_999_999_999].map(epcAmount)).toEqual(['EUR0.01', 'EUR0.10', 'EUR1234.56', 'EUR999999999.99']);
    for (const bad of [0, -5, 100_000_000_000, 1.5]) expect(() => epcAmount(bad)).toThrow(EpcError);
  });

  it('leaves the BIC line empty when there is none, and checks IBAN and BIC', () => {
    expect(epcPayload({ ...transfer, bic: undefined }).split('\n')[4]).toBe('');
    expect(normalizeIban('ro49 aaaa 1b31 0075 9384 0000')).toBe('RO49AAAA1B31007593840000');
    expect(() => normalizeIban('DE89 3704 0044 0532 0130 01')).toThrow(/check digits/);
    expect(() => epcPayload({ ...transfer, bic: 'NOPE' })).toThrow(/not a BIC/);
  });

  it('cuts the name to 70 and the remittance to 140 characters and stays within 331 bytes', () => {
    const lines = epcPayload({ ...transfer, name: 'S'.repeat(100), remittance: 'R'.repeat(200) }).split('\n');
    expect(lines[5]).toHaveLength(70);
    expect(lines[10]).toHaveLength(140);
    // Two-byte letters: the remittance is shortened so the whole stays within 331 bytes.
    const wide = epcPayload({ ...transfer, name: 'Ș'.repeat(100), remittance: 'R'.repeat(200) });
    expect([...wide.split('\n')[5]!]).toHaveLength(70);
    expect(Buffer.byteLength(wide)).toBe(331);
  });

  it('encodes with error correction M in at most version 13 (at most 69 modules)', () => {
    const modules = epcQrModules(epcPayload({ ...transfer, name: 'Ș'.repeat(70), remittance: 'R'.repeat(140) }));
    expect(modules.length).toBeLessThanOrEqual(17 + 4 * 13);
  });
});

describe('EPC QR code on an invoice PDF', () => {
  it('decodes from the rendered page to the payload a banking app needs', async () => {
    const inv = sampleInvoice();
    const pdf = await renderInvoiceDocument(inv);
    const decoded = await decodeQrFromPdf(pdf);
    expect(decoded).toBe(epcPayload({ name: inv.seller.name, iban: inv.seller.bank!.iban, bic: inv.seller.bank!.bic, amountMinor: inv.totals.grossMinor, remittance: 'INV-2026-0001' }));
  });

  it('is left out for other currencies and for nothing to pay', async () => {
    expect(await decodeQrFromPdf(await renderInvoiceDocument(sampleInvoice({ currency: 'RON', language: 'ro' })))).toBeNull();
    expect(await decodeQrFromPdf(await renderInvoiceDocument(sampleInvoice({ epcQr: false })))).toBeNull();
  });
});
