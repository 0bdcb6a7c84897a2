import type { Labels } from './types.js';

export const pl: Labels = {
  title: { invoice: 'Faktura VAT', proforma: 'Faktura proforma', credit_note: 'Faktura korygująca', storno: 'Faktura stornująca' },
  number: 'Numer',
  issueDate: 'Data wystawienia',
  serviceDate: 'Data sprzedaży',
  dueDate: 'Termin płatności',
  seller: 'Sprzedawca',
  buyer: 'Nabywca',
  vatId: 'NIP',
  registration: 'KRS',
  reference: { proforma: 'Faktura proforma', original: 'Dotyczy faktury' },
  columns: { pos: 'Lp.', description: 'Nazwa', quantity: 'Ilość', unit: 'J.m.', unitPrice: 'Cena jedn.', discount: 'Rabat', taxRate: 'VAT', net: 'Netto' },
  taxBreakdown: { title: 'Zestawienie VAT', rate: 'Stawka', net: 'Netto', tax: 'VAT', gross: 'Brutto' },
  totals: { net: 'Razem netto', tax: 'Razem VAT', gross: 'Do zapłaty', creditGross: 'Do zwrotu' },
  payment: {
    title: 'Płatność',
    prepayment: 'Zaliczka',
    remaining: 'Pozostała płatność',
    due: 'termin',
    bank: 'Bank',
    iban: 'IBAN',
    bic: 'BIC',
    qr: 'Zeskanuj w aplikacji bankowej, aby zapłacić',
    nothingDue: 'Brak kwoty do zapłaty.',
  },
  page: (n, count) => `Strona ${n} z ${count}`,
  reminder: {
    title: (level) => (level <= 1 ? 'Przypomnienie o płatności' : `Wezwanie do zapłaty ${level - 1}`),
    date: 'Data',
    header: (level, payBy) =>
      (level <= 1
        ? 'Według naszych danych poniższe kwoty są przeterminowane. Być może płatność umknęła Państwa uwadze.'
        : level === 2
          ? 'Mimo naszego przypomnienia poniższe kwoty nadal nie zostały zapłacone.'
          : 'To ostateczne wezwanie: poniższe kwoty nadal pozostają niezapłacone.') +
      (payBy ? ` Prosimy o zapłatę zaległej kwoty do ${payBy}.` : ' Prosimy o niezwłoczną zapłatę zaległej kwoty.'),
    footer: (level) =>
      level >= 3
        ? 'W razie braku wpłaty w tym terminie przekażemy sprawę dalej bez dodatkowego powiadomienia. Jeśli płatność została już dokonana, prosimy zignorować to pismo.'
        : 'Jeśli płatność została już dokonana, prosimy zignorować to pismo.',
    columns: { number: 'Faktura', issueDate: 'Data', dueDate: 'Termin', part: 'Część', amount: 'Kwota', paid: 'Zapłacono', open: 'Do zapłaty', daysOverdue: 'Dni' },
    parts: { prepayment: 'Zaliczka', remaining: 'Reszta' },
    totalOpen: 'Razem do zapłaty',
  },
  contract: { date: 'Data', number: 'Nr umowy', between: 'zawarta pomiędzy', and: 'a', signatureSeller: 'Zleceniobiorca', signatureBuyer: 'Klient' },
};
