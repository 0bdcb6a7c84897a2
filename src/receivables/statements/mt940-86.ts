// The German structured :86: field (DFÜ-Abkommen / DK format): "166?00SEPA-GUTSCHRIFT
// ?20EREF+…?21SVWZ+…?30BIC?31IBAN?32Name". Purpose lines ?20–?29 and ?60–?63 are
// 27-character slices of one text, so they are joined without a separator.

export interface Field86 {
  /** Geschäftsvorfallcode, e.g. 166 (SEPA credit transfer). */
  code?: string;
  postingText?: string;
  purpose: string;
  bic?: string;
  account?: string;
  name?: string;
  /** SEPA keywords inside the purpose: EREF, KREF, MREF, CRED, SVWZ, ABWA … */
  sepa: Record<string, string>;
}

const SEPA_KEYS = ['EREF', 'KREF', 'MREF', 'CRED', 'DEBT', 'SVWZ', 'ABWA', 'ABWE', 'COAM', 'OAMT', 'IBAN', 'BIC'];
const SEPA_SPLIT = new RegExp(`(${SEPA_KEYS.join('|')})\\+`, 'g');

export function parse86(text: string): Field86 {
  const m = /^(\d{3})?(\?\d\d[\s\S]*)$/.exec(text);
  if (!m) return { purpose: text.trim(), sepa: {} };
  const sub = new Map<number, string>();
  for (const part of m[2]!.split(/\?(?=\d\d)/).slice(1)) {
    const n = Number(part.slice(0, 2));
    sub.set(n, (sub.get(n) ?? '') + part.slice(2));
  }
  const range = (from: number, to: number) => {
    let s = '';
    for (let n = from; n <= to; n++) s += sub.get(n) ?? '';
    return s;
  };
  const purpose = (range(20, 29) + range(60, 63)).trim();
  const name = range(32, 33).trim();
  return {
    ...(m[1] && { code: m[1] }),
    ...(sub.get(0) && { postingText: sub.get(0)!.trim() }),
    purpose,
    ...(sub.get(30) && { bic: sub.get(30)!.trim() }),
    ...(sub.get(31) && { account: sub.get(31)!.trim() }),
    ...(name && { name }),
    sepa: splitSepa(purpose),
  };
}

/** "EREF+E2E-1SVWZ+RE 2026-0001" → { EREF: 'E2E-1', SVWZ: 'RE 2026-0001' }. */
export function splitSepa(purpose: string): Record<string, string> {
  const parts = purpose.split(SEPA_SPLIT);
  const out: Record<string, string> = {};
  for (let i = 1; i + 1 < parts.length; i += 2) {
    out[parts[i]!] = (out[parts[i]!] ? `${out[parts[i]!]} ` : '') + parts[i + 1]!.trim();
  }
  return out;
}
