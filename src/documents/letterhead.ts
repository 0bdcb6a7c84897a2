import type { PDFDocument } from 'pdf-lib';
import { columnsBlock, type BlockLine, type Flow } from '../pdf/index.js';
import type { Labels } from './labels/index.js';
import type { Styles } from './styles.js';
import type { Party, Seller } from './types.js';

const LOGO_BOX = { width: 140, height: 50 };

/** Seller's name and details top left, logo top right (first page). */
export async function drawLetterhead(doc: PDFDocument, flow: Flow, seller: Seller, labels: Labels, s: Styles): Promise<void> {
  const top = flow.y;
  if (seller.logoPng) {
    const image = await doc.embedPng(seller.logoPng);
    const scale = Math.min(LOGO_BOX.width / image.width, LOGO_BOX.height / image.height, 1);
    const width = image.width * scale;
    const height = image.height * scale;
    flow.page.drawImage(image, { x: flow.left + flow.width - width, y: top - height, width, height });
  }
  const details = [...seller.address, ...partyIds(seller, labels), ...(seller.email ? [seller.email] : [])];
  columnsBlock(flow, [
    { lines: [{ text: seller.name, style: s.heading }, ...details.map((text) => ({ text, style: s.small }))], width: 3 },
    { lines: [], width: 2, minHeight: seller.logoPng ? LOGO_BOX.height : 0 },
  ]);
}

export function partyIds(p: Party, labels: Labels): string[] {
  return [
    ...(p.vatId ? [`${labels.vatId}: ${p.vatId}`] : []),
    ...(p.registration ? [`${labels.registration}: ${p.registration}`] : []),
  ];
}

/** The address block of the recipient, under a small label. */
export function partyBlock(label: string, p: Party, labels: Labels, s: Styles): BlockLine[] {
  return [
    { text: label, style: s.label },
    { text: p.name, style: s.bold },
    ...p.address.map((text) => ({ text, style: s.body })),
    ...partyIds(p, labels).map((text) => ({ text, style: s.body })),
  ];
}

/** "Label: value" lines for the details column next to the address. */
export function detailLines(pairs: [string, string][], s: Styles): BlockLine[] {
  return pairs.map(([label, value]) => ({ text: `${label}: ${value}`, style: s.body }));
}

/** Seller line and "Page n of N" at the bottom of every page. */
export function drawFooter(flow: Flow, seller: Seller, labels: Labels, s: Styles): void {
  const bank = seller.bank ? [`${labels.payment.iban} ${seller.bank.iban}`, ...(seller.bank.bic ? [`${labels.payment.bic} ${seller.bank.bic}`] : [])] : [];
  const line = [seller.name, ...seller.address, ...(seller.vatId ? [`${labels.vatId} ${seller.vatId}`] : []), ...bank].join(' · ');
  flow.footer((n, count) => `${line}\n${labels.page(n, count)}`, s.footer);
}
