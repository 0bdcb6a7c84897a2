// Synthetic receivables for the benchmarks: customers with IBANs and names, open items
// in two number series, statement lines that name invoices, pay by amount, or fit nothing.
import { formatInvoiceNumber } from '../src/domain/numbering.js';
import { creditorReference } from '../src/receivables/statements/iban.js';
import type { OpenItem } from '../src/receivables/open-item.js';
import type { BankTransaction } from '../src/receivables/statements/transaction.js';

export const BENCH_FORMATS = ['{series}-{year}-{seq:6}', '{series}/{year}/{seq:6}'];

/** A small deterministic generator, so runs compare. */
export function rng(seed = 42): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function iban(i: number): string {
  return `DE00${String(i).padStart(18, '0')}`; // check digits are not verified in matching
}

export function openItems(count: number, perCustomer = 10): OpenItem[] {
  const r = rng(1);
  const out: OpenItem[] = new Array(count);
  let ibans: string[] = [];
  let names: string[] = [];
  for (let i = 0; i < count; i++) {
    const c = Math.floor(i / perCustomer);
    if (i % perCustomer === 0) {
      ibans = [iban(c)];
      names = [`Kunde ${c} Müller-Łukasiewicz GmbH`];
    }
    const polish = c % 5 === 0;
    const seq = i + 1;
    const number = polish ? formatInvoiceNumber({ series: 'FV', year: 2026, seq }, BENCH_FORMATS[1]) : formatInvoiceNumber({ series: 'INV', year: 2026, seq }, BENCH_FORMATS[0]);
    const day = 1 + (i % 28);
    out[i] = {
      invoiceId: `inv_${i}`, number, customerId: `cus_${c}`, branchId: `br_${c % 7}`,
      payerIbans: ibans, payerNames: names, currency: polish ? 'PLN' : 'EUR', part: 'remaining',
      amountMinor: 1000 + Math.floor(r() * 500_000), openMinor: 0,
      dueDate: `2026-0${1 + (i % 3)}-${String(day).padStart(2, '0')}`,
      remindersCount: i % 4 === 0 ? 0 : i % 4, ...(i % 4 !== 0 && { lastReminderDate: `2026-03-${String(day).padStart(2, '0')}` }),
      dunningStop: i % 97 === 0,
    };
    out[i]!.openMinor = out[i]!.amountMinor;
  }
  return out;
}

/** Lines: 55 % one number, 15 % two or three numbers, 5 % RF, 15 % amount + IBAN, 10 % unknown. */
export function statementLines(items: readonly OpenItem[], count: number): BankTransaction[] {
  const r = rng(2);
  const pick = () => items[Math.floor(r() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const k = r();
    const base = { bankRef: `b${i}`, format: 'camt.053' as const, line: i + 1, bookingDate: '2026-03-20', valueDate: '2026-03-20', direction: 'credit' as const };
    if (k < 0.55) {
      const a = pick();
      return { ...base, amountMinor: a.amountMinor, currency: a.currency, reference: `Rechnung ${a.number.replace(/-/g, ' ')} Kd-Nr ${a.customerId}`, payerName: a.payerNames[0] };
    }
    if (k < 0.7) {
      const first = Math.floor(r() * (items.length - 3));
      const group = items.slice(first, first + 2 + (i % 2)).filter((x) => x.customerId === items[first]!.customerId);
      const sum = group.reduce((s, x) => s + x.amountMinor, 0);
      return { ...base, amountMinor: sum, currency: group[0]!.currency, reference: `RE ${group.map((x) => x.number).join(', ')}` };
    }
    if (k < 0.75) {
      const a = pick();
      return { ...base, amountMinor: a.amountMinor, currency: a.currency, reference: '', creditorReference: creditorReference(a.number.replace(/[^A-Z0-9]/g, '')) };
    }
    if (k < 0.9) {
      const a = pick();
      return { ...base, amountMinor: a.amountMinor, currency: a.currency, reference: 'Danke', payerIban: a.payerIbans[0] };
    }
    return { ...base, amountMinor: 1 + Math.floor(r() * 99_999), currency: 'EUR', reference: `Beitrag ${i} Vereinsfest`, payerName: `Unbekannt ${i}` };
  });
}
