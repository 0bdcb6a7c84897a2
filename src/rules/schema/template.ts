import { z } from 'zod';

/** Languages every template may provide; `en` is required and the fallback. */
export const LANGUAGES = ['en', 'de', 'pl', 'ro'] as const;
export type Language = (typeof LANGUAGES)[number];

const emailVariant = z.strictObject({
  subject: z.string().min(1),
  body: z.string().min(1).meta({ description: 'The plain-text body.' }),
  html: z.string().min(1).optional().meta({ description: 'An HTML body sent alongside the text; inserted values are escaped.' }),
});
const documentVariant = z.strictObject({
  title: z.string().min(1),
  subtitle: z.string().optional(),
  lines: z.array(z.strictObject({ label: z.string(), value: z.string() })).default([]),
  footer: z.string().optional(),
});

const variants = <T extends z.ZodType>(v: T) => ({
  en: v,
  de: v.optional(),
  pl: v.optional(),
  ro: v.optional(),
});

/** rules/templates/<name>.yaml: one variant per language; {{fact}} placeholders. */
export const templateFile = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('email'), description: z.string().optional(), ...variants(emailVariant) }),
  z.strictObject({ kind: z.literal('document'), description: z.string().optional(), ...variants(documentVariant) }),
]);

export type TemplateFile = z.output<typeof templateFile>;
export type EmailVariant = z.output<typeof emailVariant>;
export type DocumentVariant = z.output<typeof documentVariant>;
