// Mail templates: templates/<name>/<language>.yaml with subject, text and optional html
// (see templates/README.md). Placeholders are {{dotted.names}}; in html their values are
// escaped. `en` is required and is the fallback for a missing language.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { fillHtml, fillTemplate } from '../domain/template.js';
import { projectRoot } from '../platform/config.js';

export const MAIL_LANGUAGES = ['en', 'de', 'pl', 'ro'] as const;
const PARTS = ['subject', 'text', 'html'] as const;
const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

export interface MailVariant {
  subject: string;
  text: string;
  html?: string;
}

export interface MailTemplate {
  name: string;
  /** By language; always has `en`. */
  variants: Record<string, MailVariant>;
  /** Every placeholder any variant uses, sorted. */
  variables: string[];
}

export interface RenderedMail extends MailVariant {
  language: string;
}

export class MailTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailTemplateError';
  }
}

export const DEFAULT_TEMPLATES_DIR = path.join(projectRoot, 'templates');

/** Reads every template folder; a malformed file is an error naming it. */
export function loadMailTemplates(dir = DEFAULT_TEMPLATES_DIR): Map<string, MailTemplate> {
  const templates = new Map<string, MailTemplate>();
  for (const entry of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const variants: Record<string, MailVariant> = {};
    for (const file of readdirSync(path.join(dir, entry.name)).filter((f) => f.endsWith('.yaml')).sort()) {
      const where = path.join(path.basename(dir), entry.name, file);
      const language = file.slice(0, -'.yaml'.length);
      if (!(MAIL_LANGUAGES as readonly string[]).includes(language)) throw new MailTemplateError(`${where}: "${language}" is not a template language; use ${MAIL_LANGUAGES.join(', ')}`);
      variants[language] = parseVariant(readFileSync(path.join(dir, entry.name, file), 'utf8'), where);
    }
    if (!variants.en) throw new MailTemplateError(`${path.join(path.basename(dir), entry.name)}: en.yaml is missing; English is the fallback every template needs`);
    const variables = new Set<string>();
    for (const v of Object.values(variants)) for (const part of PARTS) for (const [, name] of (v[part] ?? '').matchAll(PLACEHOLDER)) variables.add(name!);
    templates.set(entry.name, { name: entry.name, variants, variables: [...variables].sort() });
  }
  return templates;
}

function parseVariant(source: string, where: string): MailVariant {
  const data: unknown = parse(source);
  if (!data || typeof data !== 'object') throw new MailTemplateError(`${where}: expected a mapping with subject, text and optional html`);
  const record = data as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => !(PARTS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new MailTemplateError(`${where}: unknown field ${unknown.map((k) => `"${k}"`).join(', ')}; a template has subject, text and html`);
  for (const part of PARTS) {
    if (record[part] !== undefined && typeof record[part] !== 'string') throw new MailTemplateError(`${where}: ${part} must be text`);
  }
  if (!record.subject || !record.text) throw new MailTemplateError(`${where}: subject and text are required`);
  return { subject: record.subject as string, text: record.text as string, ...(record.html ? { html: record.html as string } : {}) };
}

/**
 * For the rules checker: throws MailTemplateError unless the template exists and every
 * placeholder it uses is among `variables` (the facts a rule's run has).
 * @example checkTemplate('invoice-issued', ['customer.name', 'invoice.number', 'invoice.amount', 'invoice.dueDate', 'seller.name'])
 */
export function checkTemplate(name: string, variables: readonly string[], templates = loadMailTemplates()): MailTemplate {
  const template = templates.get(name);
  if (!template) {
    throw new MailTemplateError(`no mail template "${name}"; templates are folders in templates/: ${[...templates.keys()].join(', ') || 'none'}`);
  }
  const known = new Set(variables);
  const missing = template.variables.filter((v) => !known.has(v));
  if (missing.length > 0) {
    throw new MailTemplateError(`mail template "${name}" uses ${missing.map((m) => `{{${m}}}`).join(', ')}, which this rule does not provide (it has ${variables.join(', ') || 'no variables'})`);
  }
  return template;
}

/** Subject, text and html in the customer's language (de-AT → de; unknown → en), filled in. */
export function renderMail(template: MailTemplate, language: string, values: Record<string, unknown>): RenderedMail {
  const base = language.toLowerCase().split(/[-_]/)[0]!;
  const lang = template.variants[base] ? base : 'en';
  const v = template.variants[lang]!;
  try {
    return {
      language: lang,
      subject: fillTemplate(v.subject, values).replace(/\s*\n\s*/g, ' ').trim(),
      text: fillTemplate(v.text, values),
      ...(v.html ? { html: fillHtml(v.html, values) } : {}),
    };
  } catch (err) {
    throw new MailTemplateError(`mail template "${template.name}" (${lang}): ${(err as Error).message}`);
  }
}
