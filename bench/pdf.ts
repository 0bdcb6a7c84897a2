// PDF rendering speed on one core (this process, sequential renders). Prints figures, no pass/fail.
// Standalone: tsx bench/pdf.ts [documents]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderInvoiceDocument } from '../src/documents/invoice.js';
import type { InvoiceDocument } from '../src/documents/types.js';
import { invoiceTotals } from '../src/domain/totals.js';
import { renderSimpleDocument, type SimpleDocumentInput } from '../src/pdf/index.js';
import { measure, median, printFigure } from './report.js';

function noticeFor(i: number): SimpleDocumentInput {
  return {
    title: `Opportunity Kurs ${i} status changed`,
    subtitle: 'from Proposal to Won',
    lines: [
      { label: 'Customer', value: `Müller & Söhne GmbH / Łódź Sp. z o.o. / Școala ${i}` },
      { label: 'Reference', value: `OPP-${String(i).padStart(6, '0')}` },
      { label: 'Amount', value: `${(i * 17.5).toFixed(2)} EUR` },
      { label: 'Status', value: 'Proposal → Won' },
      { label: 'Date', value: '2025-03-14' },
    ],
    footer: `Document rule:won/opp:${i}/confirmation`,
    language: 'de-DE',
  };
}

/** A one-page German EUR invoice with four lines, two tax rates and an EPC QR code. */
export function invoiceFor(i: number): InvoiceDocument {
  const drafts = [
    { description: `Kurs ${i}: Gitarre für Anfänger (Größe M)`, quantityMilli: 1000 + (i % 7) * 500, unit: 'h', unitPriceMinor: 4500 + i, taxRateBp: 1900 },
    { description: 'Lehrbuch „Übungen“', quantityMilli: 2000, unit: 'Stk', unitPriceMinor: 1999, discountBp: 1000, taxRateBp: 700 },
    { description: 'Anmeldegebühr', quantityMilli: 1000, unit: 'Stk', unitPriceMinor: 2500, taxRateBp: 1900 },
    { description: `Materialpauschale Łódź/Timișoara ${i % 13}`, quantityMilli: 1000, unit: 'Stk', unitPriceMinor: 990, taxRateBp: 1900 },
  ];
  const t = invoiceTotals(drafts);
  return {
    kind: 'invoice',
    number: `INV-2026-${String(i).padStart(4, '0')}`,
    language: 'de',
    currency: 'EUR',
    issueDate: '2026-03-14',
    seller: { name: 'Musikschule Größe GmbH', address: ['Hauptstraße 1', '10115 Berlin'], vatId: 'DE123456789', bank: { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' } },
    buyer: { name: `Kunde ${i} Müller & Söhne`, address: ['Große Straße 5', '80331 München'] },
    lines: drafts.map((d, n) => ({ ...d, ...t.lines[n]! })),
    taxBreakdown: t.taxBreakdown,
    totals: { netMinor: t.netMinor, taxMinor: t.taxMinor, grossMinor: t.grossMinor },
    parts: [{ kind: 'remaining', amountMinor: t.grossMinor, dueDate: '2026-03-28' }],
    paymentTerms: 'Zahlbar innerhalb von 14 Tagen ohne Abzug.',
  };
}

async function benchOne(name: string, documents: number, rounds: number, render: (i: number) => Promise<Uint8Array>): Promise<void> {
  const t0 = performance.now();
  const first = await render(0); // includes reading and parsing the fonts
  printFigure(`pdf ${name}: first document (cold, loads fonts)`, performance.now() - t0, 'ms');
  printFigure(`pdf ${name}: size`, first.length / 1024, 'KiB');
  for (let i = 1; i <= 20; i++) await render(i); // let the JIT settle
  const wall: number[] = [];
  const cpu: number[] = [];
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const m = await measure(async () => {
      for (let i = 1; i <= documents; i++) {
        const t = performance.now();
        await render(i + r * documents);
        times.push(performance.now() - t);
      }
    });
    wall.push(documents / (m.wallMs / 1000));
    cpu.push(documents / (m.cpuMs / 1000));
  }
  printFigure(`pdf ${name}: per second (one core, ${documents} sequential, median of ${rounds})`, median(wall), 'docs/s');
  // Per second of CPU this process used (GC threads included): steadier on a shared machine.
  printFigure(`pdf ${name}: per CPU second (median of ${rounds})`, median(cpu), 'docs/s');
  printFigure(`pdf ${name}: median render time`, median(times), 'ms');
}

export async function benchPdf(documents = 300, rounds = 5): Promise<void> {
  await benchOne('one-page invoice with EPC QR', documents, rounds, (i) => renderInvoiceDocument(invoiceFor(i)));
  await benchOne('one-page notice', documents, rounds, (i) => renderSimpleDocument(noticeFor(i)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const n = Number(process.argv[2] ?? 300);
  if (!Number.isInteger(n) || n < 1) throw new Error(`usage: tsx bench/pdf.ts [documents], got "${process.argv[2]}"`);
  await benchPdf(n);
}
