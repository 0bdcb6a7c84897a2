// Builders for open items and statement lines in table tests.
import type { OpenItem } from '../../src/receivables/open-item.js';
import type { BankTransaction } from '../../src/receivables/statements/transaction.js';

const customers: Record<string, { ibans: string[]; names: string[] }> = {
  mueller: { ibans: ['DE02120300000000202051'], names: ['Jürgen Müller GmbH'] },
  kowalski: { ibans: ['PL61109010140000071219812874'], names: ['Paweł Kowalski Sp. z o.o.'] },
  tarau: { ibans: [], names: ['Ștefan Țărău SRL'] },
  popescu: { ibans: ['RO09BCYP0000001234567890'], names: ['Ioana Popescu PFA'] },
};

export function item(number: string, customerId: string, openMinor: number, dueDate: string, extra: Partial<OpenItem> = {}): OpenItem {
  const c = customers[customerId] ?? { ibans: [], names: [] };
  return {
    invoiceId: `inv:${number}`, number, customerId, payerIbans: c.ibans, payerNames: c.names,
    currency: 'EUR', part: 'remaining', amountMinor: openMinor, openMinor, dueDate,
    remindersCount: 0, dunningStop: false, ...extra,
  };
}

let n = 0;
export function tx(amountMinor: number, reference: string, extra: Partial<BankTransaction> = {}): BankTransaction {
  n++;
  return {
    bankRef: `t:${n}`, format: 'csv', line: n, bookingDate: '2026-03-16', valueDate: '2026-03-16',
    amountMinor, currency: 'EUR', direction: 'credit', reference, ...extra,
  };
}
