import type { Labels } from './types.js';

export const de: Labels = {
  title: { invoice: 'Rechnung', proforma: 'Proforma-Rechnung', credit_note: 'Gutschrift', storno: 'Stornorechnung' },
  number: 'Nummer',
  issueDate: 'Rechnungsdatum',
  serviceDate: 'Leistungsdatum',
  dueDate: 'Fällig am',
  seller: 'Verkäufer',
  buyer: 'Rechnungsempfänger',
  vatId: 'USt-IdNr.',
  registration: 'Handelsregister',
  reference: { proforma: 'Proforma-Rechnung', original: 'Korrigiert Rechnung' },
  columns: { pos: 'Pos.', description: 'Beschreibung', quantity: 'Menge', unit: 'Einheit', unitPrice: 'Einzelpreis', discount: 'Rabatt', taxRate: 'USt.', net: 'Netto' },
  taxBreakdown: { title: 'Umsatzsteuer', rate: 'Satz', net: 'Netto', tax: 'USt.', gross: 'Brutto' },
  totals: { net: 'Summe netto', tax: 'Umsatzsteuer', gross: 'Gesamtbetrag', creditGross: 'Gutschriftsbetrag' },
  payment: {
    title: 'Zahlung',
    prepayment: 'Anzahlung',
    remaining: 'Restzahlung',
    due: 'fällig am',
    bank: 'Bank',
    iban: 'IBAN',
    bic: 'BIC',
    qr: 'Mit der Banking-App scannen und bezahlen',
    nothingDue: 'Kein Zahlbetrag.',
  },
  page: (n, count) => `Seite ${n} von ${count}`,
  reminder: {
    title: (level) => (level <= 1 ? 'Zahlungserinnerung' : `${level - 1}. Mahnung`),
    date: 'Datum',
    header: (level, payBy) =>
      'Sehr geehrte Damen und Herren,\n' +
      (level <= 1
        ? 'nach unseren Unterlagen sind die folgenden Beträge überfällig. Sicher haben Sie die Zahlung nur übersehen.'
        : level === 2
          ? 'trotz unserer Zahlungserinnerung sind die folgenden Beträge noch offen.'
          : 'dies ist unsere letzte Mahnung: die folgenden Beträge sind weiterhin offen.') +
      (payBy ? ` Bitte überweisen Sie den offenen Betrag bis zum ${payBy}.` : ' Bitte überweisen Sie den offenen Betrag umgehend.'),
    footer: (level) =>
      level >= 3
        ? 'Geht die Zahlung bis dahin nicht ein, übergeben wir die Forderung ohne weitere Ankündigung. Sollten Sie inzwischen gezahlt haben, betrachten Sie dieses Schreiben als gegenstandslos.'
        : 'Sollten Sie inzwischen gezahlt haben, betrachten Sie dieses Schreiben als gegenstandslos.',
    columns: { number: 'Rechnung', issueDate: 'Datum', dueDate: 'Fällig', part: 'Teil', amount: 'Betrag', paid: 'Bezahlt', open: 'Offen', daysOverdue: 'Tage' },
    parts: { prepayment: 'Anzahlung', remaining: 'Restzahlung' },
    totalOpen: 'Offen gesamt',
  },
  contract: { date: 'Datum', number: 'Vertragsnr.', between: 'zwischen', and: 'und', signatureSeller: 'Anbieter', signatureBuyer: 'Kunde' },
};
