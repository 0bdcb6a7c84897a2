// A CSV mapping template: how one bank's export is laid out. Templates are YAML files a
// person reads and edits (e.g. payment-templates/sparkasse.yaml); this schema is the one
// source of truth for their shape.
import { z } from 'zod';
import { DATE_FORMATS } from './date-format.js';

/** A column by its header text, or by its 1-based position when there is no header. */
const column = z.union([z.string().min(1), z.number().int().positive()]);

export const csvTemplateSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
    delimiter: z.enum([';', ',', '\t', '|'], { error: 'the delimiter is one of ";" "," "|" or "\\t" (tab)' }).default(';'),
    encoding: z.enum(['utf-8', 'windows-1252']).default('utf-8'),
    decimal: z.enum([',', '.']).default(','),
    thousands: z.enum(['', '.', ',', ' ', "'"]).default(''),
    dateFormat: z.enum(DATE_FORMATS).default('DD.MM.YYYY'),
    /** Lines before the header (account number, period) to skip. */
    skipLines: z.number().int().nonnegative().default(0),
    header: z.boolean().default(true),
    /** The currency when no column holds it. */
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    columns: z.strictObject({
      bookingDate: column,
      valueDate: column.optional(),
      amount: column.optional(),
      debit: column.optional(),
      credit: column.optional(),
      currency: column.optional(),
      payerName: column.optional(),
      payerIban: column.optional(),
      /** Several columns are joined with a space (banks split the purpose over 2–14). */
      reference: z.union([column, z.array(column).min(1)]),
      bankRef: column.optional(),
    }),
  })
  .superRefine((t, ctx) => {
    const c = t.columns;
    if (c.amount === undefined && (c.debit === undefined || c.credit === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['columns', 'amount'], message: 'name the amount column, or both debit and credit' });
    }
    if (c.amount !== undefined && (c.debit !== undefined || c.credit !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['columns', 'amount'], message: 'use either amount or debit/credit, not both' });
    }
    if (c.currency === undefined && !t.currency) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'no currency column is named, so give a fixed currency, e.g. currency: EUR' });
    }
    if (t.decimal === t.thousands) ctx.addIssue({ code: 'custom', path: ['thousands'], message: 'the thousands separator cannot be the decimal separator' });
    if (!t.header) {
      for (const [k, v] of Object.entries(c)) {
        if ([v].flat().some((x) => typeof x === 'string')) ctx.addIssue({ code: 'custom', path: ['columns', k], message: 'without a header row, columns are numbers (1 = first)' });
      }
    }
  });

export type CsvTemplate = z.infer<typeof csvTemplateSchema>;
