// A statement file → transactions: the format detected (or given), the bytes decoded,
// and the right parser. Every bad line becomes a StatementError naming the line.
import { InvoicingError } from '../invoicing/context.js';
import { parseCamt, parseCsvStatement, parseMt940, type CsvTemplate, type LineError, type ParseResult } from '../receivables/index.js';
import { renderLineErrors } from '../receivables/statements/transaction.js';

export const FORMATS = ['csv', 'camt', 'mt940'] as const;
export type FormatName = (typeof FORMATS)[number];

/** A statement that cannot be read: every bad line with its number and reason; nothing was imported. */
export class StatementError extends InvoicingError {
  constructor(readonly fileName: string, readonly errors: readonly LineError[]) {
    super('invalid_input', `${fileName}: ${errors.length === 1 ? 'a line' : `${errors.length} lines`} cannot be read, so nothing was imported\n${renderLineErrors(fileName, errors)}`);
  }
}

/**
 * camt for XML, MT940 for SWIFT tags, else CSV; the content decides before the file name.
 * @example detectFormat(bytes, 'auszug.sta') // 'mt940'
 */
export function detectFormat(bytes: Uint8Array, fileName: string): FormatName {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF|^ï»¿/, '').trimStart();
  if (head.startsWith('<')) return 'camt';
  if (/^(\{1:|:20:)/.test(head) || /^:61:/m.test(head)) return 'mt940';
  if (/\.xml$/i.test(fileName)) return 'camt';
  if (/\.(sta|mt940|940)$/i.test(fileName)) return 'mt940';
  return 'csv';
}

/** UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what German banks' MT940 uses). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

export function readStatement(bytes: Uint8Array, opts: { fileName: string; format?: FormatName; template?: CsvTemplate }): Extract<ParseResult, { ok: true }> & { format: FormatName } {
  const format = opts.format ?? detectFormat(bytes, opts.fileName);
  let result: ParseResult;
  if (format === 'csv') {
    if (!opts.template) throw new InvoicingError('invalid_input', `${opts.fileName} is a CSV file: name its mapping template (e.g. --template sparkasse, or ?template=sparkasse)`);
    result = parseCsvStatement(bytes, opts.template);
  } else if (format === 'camt') result = parseCamt(decodeText(bytes).text);
  else result = parseMt940(decodeText(bytes).text);
  if (!result.ok) throw new StatementError(opts.fileName, result.errors);
  return { ...result, format };
}
