import { blockHeight, drawBlock, drawQrCode, type BlockLine, type Flow } from '../pdf/index.js';
import { epcPayload, epcQrModules, normalizeIban } from './epc.js';
import { formatAmount, formatDate } from './format.js';
import type { Labels } from './labels/index.js';
import type { Styles } from './styles.js';
import type { InvoiceDocument } from './types.js';

const QR_SIZE = 92;
const QR_GAP = 10;

/** What to pay, when, where to: parts with due dates, terms, bank details and EPC QR codes. */
export function drawPayment(flow: Flow, inv: InvoiceDocument, labels: Labels, s: Styles): void {
  const p = labels.payment;
  const lang = inv.language;
  const due = inv.totals.grossMinor > 0 ? inv.parts.filter((part) => part.amountMinor > 0) : [];
  const lines: BlockLine[] = [{ text: p.title, style: s.heading }];
  if (due.length === 0) lines.push({ text: p.nothingDue, style: s.body });
  for (const part of due) {
    const name = part.kind === 'prepayment' ? p.prepayment : due.length > 1 ? p.remaining : labels.totals.gross;
    lines.push({ text: `${name}: ${formatAmount(part.amountMinor, inv.currency, lang)}, ${p.due} ${formatDate(part.dueDate, lang)}`, style: s.bold });
  }
  if (inv.paymentTerms) lines.push({ text: inv.paymentTerms, style: s.body, gapBefore: 4 });
  const bank = inv.seller.bank;
  if (bank && due.length > 0) {
    lines.push(
      ...(bank.bankName ? [{ text: `${p.bank}: ${bank.bankName}`, style: s.body, gapBefore: 4 }] : []),
      { text: `${p.iban}: ${groupIban(bank.iban)}`, style: s.body, gapBefore: bank.bankName ? 0 : 4 },
      ...(bank.bic ? [{ text: `${p.bic}: ${bank.bic}`, style: s.body }] : []),
    );
  }

  const qrs = bank && inv.currency === 'EUR' && (inv.epcQr ?? true) ? due : [];
  const qrWidth = qrs.length * QR_SIZE + Math.max(0, qrs.length - 1) * QR_GAP;
  const textWidth = flow.width - (qrWidth > 0 ? qrWidth + 16 : 0);
  const caption = (i: number) => (qrs.length > 1 ? `${qrs[i]!.kind === 'prepayment' ? p.prepayment : p.remaining} · ${p.qr}` : p.qr);
  const captionHeight = qrs.length > 0 ? Math.max(...qrs.map((_, i) => blockHeight([{ text: caption(i), style: s.small, align: 'center' }], QR_SIZE))) : 0;
  const height = Math.max(blockHeight(lines, textWidth), qrs.length > 0 ? QR_SIZE + captionHeight : 0);
  flow.ensure(height);
  const top = flow.y;
  drawBlock(flow.page, lines, flow.left, textWidth, top);
  qrs.forEach((part, i) => {
    const x = flow.left + flow.width - qrWidth + i * (QR_SIZE + QR_GAP);
    const payload = epcPayload({ name: inv.seller.name, iban: bank!.iban, bic: bank!.bic, amountMinor: part.amountMinor, remittance: inv.number });
    drawQrCode(flow.page, epcQrModules(payload), x, top, QR_SIZE);
    drawBlock(flow.page, [{ text: caption(i), style: s.small, align: 'center' }], x, QR_SIZE, top - QR_SIZE);
  });
  flow.y = top - height;
}

/** Bank name, IBAN and BIC as a short block (reminder letters). */
export function drawBankDetails(flow: Flow, seller: InvoiceDocument['seller'], labels: Labels, s: Styles): void {
  const bank = seller.bank;
  if (!bank) return;
  const p = labels.payment;
  const lines: BlockLine[] = [
    ...(bank.bankName ? [{ text: `${p.bank}: ${bank.bankName}`, style: s.body }] : []),
    { text: `${p.iban}: ${groupIban(bank.iban)}`, style: s.body },
    ...(bank.bic ? [{ text: `${p.bic}: ${bank.bic}`, style: s.body }] : []),
  ];
  const height = blockHeight(lines, flow.width);
  flow.ensure(height);
  flow.y -= drawBlock(flow.page, lines, flow.left, flow.width, flow.y);
}

/** "DE89 3704 0044 0532 0130 00": how people read and type an IBAN. */
export function groupIban(iban: string): string {
  return normalizeIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}
