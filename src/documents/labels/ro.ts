import type { Labels } from './types.js';

export const ro: Labels = {
  title: { invoice: 'Factură', proforma: 'Factură proformă', credit_note: 'Notă de credit', storno: 'Factură de stornare' },
  number: 'Număr',
  issueDate: 'Data emiterii',
  serviceDate: 'Data livrării',
  dueDate: 'Scadența',
  seller: 'Furnizor',
  buyer: 'Cumpărător',
  vatId: 'CIF',
  registration: 'Nr. Reg. Com.',
  reference: { proforma: 'Factură proformă', original: 'Corectează factura' },
  columns: { pos: 'Nr.', description: 'Denumire', quantity: 'Cant.', unit: 'U.M.', unitPrice: 'Preț unitar', discount: 'Reducere', taxRate: 'TVA', net: 'Valoare' },
  taxBreakdown: { title: 'Defalcare TVA', rate: 'Cota', net: 'Bază', tax: 'TVA', gross: 'Total' },
  totals: { net: 'Total fără TVA', tax: 'Total TVA', gross: 'Total de plată', creditGross: 'Total creditat' },
  payment: {
    title: 'Plată',
    prepayment: 'Avans',
    remaining: 'Rest de plată',
    due: 'scadent la',
    bank: 'Banca',
    iban: 'IBAN',
    bic: 'BIC',
    qr: 'Scanați cu aplicația băncii pentru a plăti',
    nothingDue: 'Nimic de plată.',
  },
  page: (n, count) => `Pagina ${n} din ${count}`,
  reminder: {
    title: (level) => (level <= 1 ? 'Reamintire de plată' : `Somație de plată ${level - 1}`),
    date: 'Data',
    header: (level, payBy) =>
      (level <= 1
        ? 'Conform evidențelor noastre, următoarele sume sunt restante. Probabil plata v-a scăpat din vedere.'
        : level === 2
          ? 'În ciuda reamintirii noastre, următoarele sume sunt încă neachitate.'
          : 'Aceasta este ultima somație: următoarele sume sunt în continuare neachitate.') +
      (payBy ? ` Vă rugăm să achitați suma restantă până la ${payBy}.` : ' Vă rugăm să achitați suma restantă cât mai curând.'),
    footer: (level) =>
      level >= 3
        ? 'Dacă plata nu ajunge până atunci, vom preda creanța fără o altă înștiințare. Dacă ați plătit între timp, vă rugăm să ignorați această scrisoare.'
        : 'Dacă ați plătit între timp, vă rugăm să ignorați această scrisoare.',
    columns: { number: 'Factura', issueDate: 'Data', dueDate: 'Scadența', part: 'Tranșa', amount: 'Suma', paid: 'Achitat', open: 'Rest', daysOverdue: 'Zile' },
    parts: { prepayment: 'Avans', remaining: 'Rest' },
    totalOpen: 'Total restant',
  },
  contract: { date: 'Data', number: 'Nr. contract', between: 'încheiat între', and: 'și', signatureSeller: 'Prestator', signatureBuyer: 'Beneficiar' },
};
