// Quantities are thousandths (milli-units) held as integers: "1.5" hours is 1500.

const DECIMAL = /^-?\d{1,9}(\.\d{1,3})?$/;

/**
 * Parses a decimal string (or an integer) into thousandths; more than three decimals is
 * an error rather than a silent rounding.
 * @example parseQuantity('1.25') // 1250
 */
export function parseQuantity(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`quantity ${value}: send a decimal string such as "1.5"`);
    return value * 1000;
  }
  if (!DECIMAL.test(value)) throw new Error(`quantity "${value}" is not a decimal with at most 3 decimals`);
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace('-', '').split('.');
  const milli = Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
  return negative ? -milli : milli;
}

/**
 * @example formatQuantity(1500) // '1.5';  formatQuantity(2000) // '2'
 */
export function formatQuantity(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const fraction = String(abs % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 1000)}${fraction ? `.${fraction}` : ''}`;
}
