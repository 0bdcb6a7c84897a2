// De-duplication id per statement line. Banks' own references are missing or not unique
// in many exports, so the id hashes everything the line says plus its occurrence among
// identical lines: two equal transfers on one day are two payments, and the same file
// (or an overlapping export in the same order) imported again yields the same ids.
import { createHash } from 'node:crypto';
import type { BankTransaction } from './transaction.js';

export type Unreferenced = Omit<BankTransaction, 'bankRef'>;

export function withBankRefs(lines: readonly Unreferenced[], account = ''): BankTransaction[] {
  const seen = new Map<string, number>();
  return lines.map((t) => {
    const key = [
      account, t.bookingDate, t.valueDate, t.direction, t.amountMinor, t.currency,
      t.payerIban ?? '', t.payerName ?? '', t.reference, t.creditorReference ?? '',
      t.bankIds?.accountServicer ?? '', t.bankIds?.endToEnd ?? '',
    ].join('\u001f');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const hash = createHash('sha256').update(`${key}\u001f${n}`).digest('hex').slice(0, 32);
    return { bankRef: `${t.format}:${hash}`, ...t };
  });
}
