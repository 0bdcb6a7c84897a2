import type { Labels } from './types.js';

export const en: Labels = {
  title: { invoice: 'Invoice', proforma: 'Proforma invoice', credit_note: 'Credit note', storno: 'Cancellation invoice' },
  number: 'Number',
  issueDate: 'Issue date',
  serviceDate: 'Date of supply',
  dueDate: 'Due date',
  seller: 'Seller',
  buyer: 'Bill to',
  vatId: 'VAT ID',
  registration: 'Registration',
  reference: { proforma: 'Proforma invoice', original: 'Corrects invoice' },
  columns: { pos: 'No.', description: 'Description', quantity: 'Qty', unit: 'Unit', unitPrice: 'Unit price', discount: 'Disc.', taxRate: 'VAT', net: 'Net' },
  taxBreakdown: { title: 'VAT breakdown', rate: 'Rate', net: 'Net', tax: 'VAT', gross: 'Gross' },
  totals: { net: 'Total net', tax: 'Total VAT', gross: 'Total due', creditGross: 'Total credited' },
  payment: {
    title: 'Payment',
    prepayment: 'Prepayment',
    remaining: 'Remaining payment',
    due: 'due',
    bank: 'Bank',
    iban: 'IBAN',
    bic: 'BIC',
    qr: 'Scan with your banking app to pay',
    nothingDue: 'Nothing to pay.',
  },
  page: (n, count) => `Page ${n} of ${count}`,
  reminder: {
    title: (level) => (level <= 1 ? 'Payment reminder' : `Reminder ${level}`),
    date: 'Date',
    header: (level, payBy) =>
      (level <= 1
        ? 'According to our records, the following amounts are overdue. Perhaps this has escaped your attention.'
        : level === 2
          ? 'Despite our reminder, the following amounts are still unpaid.'
          : 'This is our final reminder: the following amounts are still unpaid.') +
      (payBy ? ` Please pay the open amount by ${payBy}.` : ' Please pay the open amount promptly.'),
    footer: (level) =>
      level >= 3
        ? 'If we do not receive payment by then, we will hand the matter over without further notice. If you have paid in the meantime, please disregard this letter.'
        : 'If you have paid in the meantime, please disregard this letter.',
    columns: { number: 'Invoice', issueDate: 'Date', dueDate: 'Due', part: 'Part', amount: 'Amount', paid: 'Paid', open: 'Open', daysOverdue: 'Days' },
    parts: { prepayment: 'Prepayment', remaining: 'Remaining' },
    totalOpen: 'Total open',
  },
  contract: { date: 'Date', number: 'Contract no.', between: 'between', and: 'and', signatureSeller: 'Provider', signatureBuyer: 'Customer' },
};
