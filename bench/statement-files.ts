// Parsing speed: the benchmark's statement lines written as camt.053, MT940 and CSV.
import type { BankTransaction } from '../src/receivables/statements/transaction.js';
import { parseCamt } from '../src/receivables/statements/camt.js';
import { parseMt940 } from '../src/receivables/statements/mt940.js';
import { parseCsvStatement } from '../src/receivables/statements/csv.js';
import { csvTemplateSchema } from '../src/receivables/statements/csv-template.js';
import { formatDecimal } from '../src/domain/money.js';
import { printFigure } from './report.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function camt(lines: readonly BankTransaction[]): string {
  const entries = lines.map((t) => `<Ntry><Amt Ccy="${t.currency}">${formatDecimal(t.amountMinor, t.currency)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>${t.bookingDate}</Dt></BookgDt><ValDt><Dt>${t.valueDate}</Dt></ValDt><NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>${esc(t.payerName ?? '')}</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>${esc(t.reference)}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`);
  return `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>\n${entries.join('\n')}\n</Stmt></BkToCstmrStmt></Document>`;
}

function mt940(lines: readonly BankTransaction[]): string {
  const body = lines.map((t) => `:61:2603200320C${formatDecimal(t.amountMinor, t.currency).replace('.', ',')}NTRFNONREF\n:86:166?00SEPA-GUTSCHRIFT?20SVWZ+${t.reference.slice(0, 27)}?21${t.reference.slice(27, 54)}?32${(t.payerName ?? '').slice(0, 27)}`);
  return `:20:BENCH\n:25:37040044/0532013000\n:28C:1/1\n:60F:C260319EUR0,00\n${body.join('\n')}\n:62F:C260320EUR0,00\n-`;
}

function csv(lines: readonly BankTransaction[]): string {
  const rows = lines.map((t) => `20.03.2026;"${(t.payerName ?? '').replace(/"/g, '""')}";;"${t.reference.replace(/"/g, '""')}";${formatDecimal(t.amountMinor, t.currency).replace('.', ',')};${t.currency}`);
  return `Buchungstag;Name;IBAN;Verwendungszweck;Betrag;Waehrung\n${rows.join('\n')}\n`;
}

export async function benchParsing(lines: readonly BankTransaction[]): Promise<void> {
  const template = csvTemplateSchema.parse({ name: 'bench', currency: 'EUR', columns: { bookingDate: 'Buchungstag', payerName: 'Name', payerIban: 'IBAN', reference: 'Verwendungszweck', amount: 'Betrag', currency: 'Waehrung' } });
  const files: [string, string, (text: string) => { ok: boolean }][] = [
    ['camt.053', camt(lines), parseCamt],
    ['MT940', mt940(lines), (t) => parseMt940(t)],
    ['CSV', csv(lines), (t) => parseCsvStatement(t, template)],
  ];
  for (const [name, text, parse] of files) {
    const t0 = performance.now();
    const r = parse(text);
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(`${name}: the generated file does not parse`);
    printFigure(`parse ${name} (${lines.length} lines, ${(text.length / 2 ** 20).toFixed(1)} MiB)`, ms, 'ms');
  }
}
