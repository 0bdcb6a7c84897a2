import { createPdf, Flow, savePdf } from '../pdf/index.js';
import { daysBetween, formatAmount, formatDate } from './format.js';
import { documentLanguage, labelsFor } from './labels/index.js';
import { detailLines, drawFooter, drawLetterhead, partyBlock } from './letterhead.js';
import { drawBankDetails } from './payment.js';
import { stylesFor } from './styles.js';
import type { ReminderLetter } from './types.js';
import { columnsBlock } from '../pdf/index.js';

/** A cost the reminder adds: a reminder fee, the flat fee, default interest. */
export interface ReminderCharge {
  kind: 'reminder-fee' | 'flat-fee' | 'interest';
  amountMinor: number;
  currency: string;
  /** For interest: the invoice number and part it accrued on. */
  on?: string;
}

/** A letter with the fees and interest it claims (none: the statement alone). */
export type ReminderLetterWithCharges = ReminderLetter & { charges?: ReminderCharge[] };

// Charge words live here rather than in labels/: only the dunning letter prints them.
const CHARGE_WORDS: Record<string, Record<ReminderCharge['kind'] | 'totalDue', string>> = {
  de: { 'reminder-fee': 'Mahngebühr', 'flat-fee': 'Verzugspauschale (§ 288 Abs. 5 BGB)', interest: 'Verzugszinsen', totalDue: 'Zu zahlen gesamt' },
  en: { 'reminder-fee': 'Reminder fee', 'flat-fee': 'Flat-rate compensation (§ 288 (5) BGB)', interest: 'Default interest', totalDue: 'Total due' },
  pl: { 'reminder-fee': 'Opłata za upomnienie', 'flat-fee': 'Rekompensata ryczałtowa', interest: 'Odsetki za opóźnienie', totalDue: 'Razem do zapłaty' },
  ro: { 'reminder-fee': 'Taxă de somație', 'flat-fee': 'Despăgubire forfetară', interest: 'Penalități de întârziere', totalDue: 'Total de plată' },
};

/**
 * A dunning letter: the invoice letterhead, a header and footer text per level, and a
 * statement of all the customer's overdue items (prepayment and remaining parts each on
 * their own line) with the open total per currency.
 * @example await renderReminderLetter({ level: 2, language: 'de', date: '2026-04-01', seller, buyer, items })
 */
export async function renderReminderLetter(letter: ReminderLetterWithCharges): Promise<Uint8Array> {
  const labels = labelsFor(letter.language);
  const r = labels.reminder;
  const lang = letter.language;
  const title = r.title(letter.level);
  const { doc, fonts } = await createPdf({ title, author: letter.seller.name, language: documentLanguage(lang), creationDate: new Date(`${letter.date}T00:00:00Z`) });
  const s = stylesFor(fonts);
  const flow = new Flow(doc, { onPageStart: (f, i) => (i > 0 ? (f.text(`${title} · ${letter.seller.name}`, s.small), f.gap(10)) : undefined) });
  await drawLetterhead(doc, flow, letter.seller, labels, s);
  flow.gap(18);
  columnsBlock(flow, [
    { lines: partyBlock(labels.buyer, letter.buyer, labels, s), width: 3 },
    { lines: detailLines([[r.date, formatDate(letter.date, lang)], ...(letter.number ? [[labels.number, letter.number] as [string, string]] : [])], s), width: 2 },
  ]);
  flow.gap(16);
  flow.text(title, s.title);
  flow.gap(8);
  flow.text(letter.header ?? r.header(letter.level, letter.payBy ? formatDate(letter.payBy, lang) : undefined), s.body);
  flow.gap(10);
  const c = r.columns;
  flow.table({
    columns: [
      { header: c.number, width: 1.55 },
      { header: c.issueDate, width: 1.2 },
      { header: c.dueDate, width: 1.2 },
      { header: c.part, width: 1.3 },
      { header: c.amount, width: 1.35, align: 'right' },
      { header: c.paid, width: 1.3, align: 'right' },
      { header: c.open, width: 1.35, align: 'right' },
      { header: c.daysOverdue, width: 0.75, align: 'right' },
    ],
    rows: letter.items.map((it) => [
      it.number,
      formatDate(it.issueDate, lang),
      formatDate(it.dueDate, lang),
      it.part ? r.parts[it.part] : '',
      formatAmount(it.amountMinor, it.currency, lang),
      formatAmount(it.paidMinor, it.currency, lang),
      formatAmount(it.amountMinor - it.paidMinor, it.currency, lang),
      String(Math.max(0, daysBetween(it.dueDate, letter.date))),
    ]),
    header: s.cellBold,
    body: s.cell,
    padding: 3,
  });
  flow.gap(6);
  const open = new Map<string, number>();
  for (const it of letter.items) open.set(it.currency, (open.get(it.currency) ?? 0) + it.amountMinor - it.paidMinor);
  flow.table({
    columns: [{ width: 4.8 }, { width: 2.4 }, { width: 1.8, align: 'right' }],
    rows: [...open].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => ['', r.totalOpen, formatAmount(minor, currency, lang)]),
    body: { ...s.cellBold, size: 10 },
    padding: 3,
    rules: false,
  });
  drawCharges(flow, letter, open, s);
  flow.gap(12);
  drawBankDetails(flow, letter.seller, labels, s);
  flow.gap(10);
  flow.text(letter.footer ?? r.footer(letter.level), s.body);
  drawFooter(flow, letter.seller, labels, s);
  return savePdf(doc);
}

/** Fees and interest under the statement, then what is due in total per currency. */
function drawCharges(flow: Flow, letter: ReminderLetterWithCharges, open: Map<string, number>, s: ReturnType<typeof stylesFor>): void {
  const charges = (letter.charges ?? []).filter((c) => c.amountMinor > 0);
  if (charges.length === 0) return;
  const words = CHARGE_WORDS[letter.language.toLowerCase().split(/[-_]/)[0]!] ?? CHARGE_WORDS.en!;
  const due = new Map(open);
  for (const c of charges) due.set(c.currency, (due.get(c.currency) ?? 0) + c.amountMinor);
  flow.gap(4);
  flow.table({
    columns: [{ width: 0.6 }, { width: 6.6 }, { width: 1.8, align: 'right' }],
    rows: [
      ...charges.map((c) => ['', c.on ? `${words[c.kind]} · ${c.on}` : words[c.kind], formatAmount(c.amountMinor, c.currency, letter.language)]),
      ...[...due].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => ['', words.totalDue, formatAmount(minor, currency, letter.language)]),
    ],
    body: { ...s.cell, size: 10 },
    padding: 3,
    rules: false,
  });
}
