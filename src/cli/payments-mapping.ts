// The guided CSV mapping of `recflow payments import file.csv` without --template: shows
// the first lines, asks each setting with a guess as default (Enter keeps it), checks the
// answers against the file, and saves them as a template the next import names.
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { guessCsv, type CsvGuess } from '../payments/guess.js';
import { parseCsvStatement, csvTemplateSchema, type CsvTemplate } from '../receivables/index.js';
import { DATE_FORMATS } from '../receivables/statements/date-format.js';
import { renderLineErrors } from '../receivables/statements/transaction.js';

/** Answers one question per line; a closed input (EOF) is an error naming the question. */
function asker(input: Readable, output: Writable) {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question: string, guess?: string): Promise<string> {
      output.write(`${question}${guess !== undefined ? ` [${guess}]` : ''}: `);
      const next = await lines.next();
      if (next.done) throw new Error(`no answer to "${question}" (input ended); name a template with --template instead`);
      const answer = next.value.trim();
      output.write(input === process.stdin && process.stdin.isTTY ? '' : `${answer}\n`);
      return answer === '' ? (guess ?? '') : answer;
    },
    close: () => rl.close(),
  };
}

export async function askMapping(bytes: Uint8Array, fileName: string, io: { input: Readable; output: Writable }): Promise<CsvTemplate> {
  const g = guessCsv(bytes);
  const out = io.output;
  const q = asker(io.input, out);
  try {
    out.write(`${fileName} is a CSV file without a mapping template yet. Its first lines:\n`);
    for (const line of g.text.split(/\r?\n/).slice(0, 6)) out.write(`  │ ${line}\n`);
    out.write('Answer each question; Enter keeps the guess in brackets.\n');
    const encoding = pick(await q.ask('Encoding (utf-8 or windows-1252)', g.encoding), ['utf-8', 'windows-1252'] as const, 'encoding');
    const delimiterText = await q.ask('Delimiter (; , | or tab)', g.delimiter === '\t' ? 'tab' : g.delimiter);
    const delimiter = pick(delimiterText === 'tab' ? '\t' : delimiterText, [';', ',', '|', '\t'] as const, 'delimiter');
    const skipLines = Number(await q.ask('Lines before the header row', String(g.skipLines)));
    const guess = delimiter === g.delimiter && skipLines === g.skipLines ? g : { ...g, ...regroup(g.text, delimiter, skipLines) };
    out.write('Columns:\n');
    guess.header.forEach((h, i) => out.write(`  ${String(i + 1).padStart(2)}  ${h}${guess.rows[0]?.[i] ? `  (e.g. ${guess.rows[0][i]})` : ''}\n`));
    /** optional: "-" answers "no such column"; 'quiet' = the question already says so. */
    const col = async (what: string, key: keyof CsvGuess['columns'], optional: boolean | 'quiet') => {
      const at = guess.columns[key];
      const answer = await q.ask(`Column with ${what}${optional === true ? ' ("-" for none)' : ''}`, at === undefined ? (optional ? '-' : undefined) : `${at + 1}`);
      if (answer === '-' && optional) return undefined;
      const n = /^\d+$/.test(answer) ? Number(answer) - 1 : guess.header.findIndex((h) => h.toLowerCase() === answer.toLowerCase());
      if (!guess.header[n]) throw new Error(`"${answer}" is not a column of ${fileName}; answer with a number from 1 to ${guess.header.length}`);
      return guess.header[n]!;
    };
    const bookingDate = (await col('the booking date', 'bookingDate', false))!;
    const dateFormat = pick(await q.ask(`Date format (${DATE_FORMATS.join(', ')})`, guess.dateFormat), DATE_FORMATS, 'date format');
    const amount = await col('the amount (signed; "-" if debit and credit are two columns)', 'amount', 'quiet');
    const debitCredit = amount ? {} : { debit: (await col('debits', 'debit', false))!, credit: (await col('credits', 'credit', false))! };
    const decimal = /^y/i.test(await q.ask('Decimal comma, as in 1.234,56? (y/n)', guess.decimal === ',' ? 'y' : 'n')) ? ',' : '.';
    const currencyColumn = await col('the currency', 'currency', true);
    const fixedCurrency = currencyColumn ? undefined : (await q.ask('Currency of every line', 'EUR')).toUpperCase();
    const payerName = await col('the payer name', 'payerName', true);
    const payerIban = await col("the payer's IBAN", 'payerIban', true);
    const reference = (await col('the reference (purpose)', 'reference', false))!;
    const name = await q.ask('Save the template as', fileName.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'bank');
    const parsed = csvTemplateSchema.safeParse({
      name, encoding, delimiter, skipLines, decimal, thousands: decimal === ',' ? '.' : ',', dateFormat, header: true,
      ...(fixedCurrency && { currency: fixedCurrency }),
      columns: { bookingDate, ...(amount ? { amount } : debitCredit), ...(currencyColumn && { currency: currencyColumn }), ...(payerName && { payerName }), ...(payerIban && { payerIban }), reference },
    });
    if (!parsed.success) throw new Error(`these answers make no template:\n${parsed.error.issues.map((i) => `✖ ${i.path.join('.')}: ${i.message}`).join('\n')}`);
    const check = parseCsvStatement(bytes, parsed.data);
    if (!check.ok) throw new Error(`with these answers the file does not read; nothing was saved:\n${renderLineErrors(fileName, check.errors.slice(0, 10))}`);
    return parsed.data;
  } finally {
    q.close();
  }
}

function pick<T extends string>(answer: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(answer)) return answer as T;
  throw new Error(`${what}: "${answer}" is not one of ${allowed.map((a) => (a === '\t' ? 'tab' : a)).join(', ')}`);
}

/** Header and rows again when the person corrected the delimiter or the header line. */
function regroup(text: string, delimiter: string, skipLines: number): Pick<CsvGuess, 'header' | 'rows' | 'columns'> {
  const lines = text.split(/\r?\n/).slice(skipLines, skipLines + 6);
  const [header = [], ...rows] = lines.map((l) => l.split(delimiter).map((f) => f.trim().replace(/^"|"$/g, '')));
  const again = guessCsv(new TextEncoder().encode([header.join(';'), ...rows.map((r) => r.join(';'))].join('\n')));
  return { header, rows, columns: again.columns };
}
