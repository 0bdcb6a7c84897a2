// CSV mapping templates as files a person reads and edits: <dataDir>/mappings/<tenant
// slug>/<name>.yaml. The CLI and the API read and write the same files; every write is
// validated with the template schema and lands atomically (temp file + rename).
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { InvoicingError } from '../invoicing/context.js';
import { csvTemplateSchema, loadCsvTemplate, renderTemplateError, type CsvTemplate } from '../receivables/index.js';

const NAME = /^[a-z0-9][a-z0-9-]*$/;

export function mappingsDir(dataDir: string, tenantSlug: string): string {
  return path.join(dataDir, 'mappings', tenantSlug);
}

function fileOf(dir: string, name: string): string {
  if (!NAME.test(name)) throw new InvoicingError('invalid_input', `template name "${name}": lowercase letters, digits and dashes`);
  return path.join(dir, `${name}.yaml`);
}

/** The template and its text; errors name file:line:col. */
export async function readTemplate(dir: string, name: string): Promise<{ template: CsvTemplate; yaml: string; file: string }> {
  const file = fileOf(dir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e;
    const known = await listTemplates(dir);
    throw new InvoicingError('not_found', `no mapping template "${name}" (${file})${known.length ? `; there are: ${known.join(', ')}` : ''}`);
  }
  const r = loadCsvTemplate(file, text);
  if (!r.template) throw new InvoicingError('invalid_input', `mapping template "${name}" is broken:\n${r.errors.map(renderTemplateError).join('\n')}`);
  return { template: r.template, yaml: text, file };
}

export async function listTemplates(dir: string): Promise<string[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
}

/**
 * Saves a template given as YAML text (kept as written, comments and all) or as an object
 * (written as YAML). Its `name` must be the file's name; a missing name is filled in.
 */
export async function writeTemplate(dir: string, name: string, input: string | Record<string, unknown>): Promise<{ template: CsvTemplate; yaml: string; file: string }> {
  const file = fileOf(dir, name);
  let yaml: string;
  let template: CsvTemplate;
  if (typeof input === 'string') {
    const r = loadCsvTemplate(`${name}.yaml`, /^\s*name\s*:/m.test(input) ? input : `name: ${name}\n${input}`);
    if (!r.template) throw new InvoicingError('invalid_input', r.errors.map(renderTemplateError).join('\n'));
    template = r.template;
    yaml = /^\s*name\s*:/m.test(input) ? input : `name: ${name}\n${input}`;
  } else {
    const parsed = csvTemplateSchema.safeParse({ name, ...input });
    if (!parsed.success) throw new InvoicingError('invalid_input', parsed.error.issues.map((i) => `✖ ${i.path.join('.') || '(template)'}: ${i.message}`).join('\n'));
    template = parsed.data;
    yaml = templateYaml(template);
  }
  if (template.name !== name) throw new InvoicingError('invalid_input', `name: the template says "${template.name}" but is saved as "${name}"; they must agree`);
  await mkdir(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, yaml);
  await rename(tmp, file);
  return { template, yaml, file };
}

export async function deleteTemplate(dir: string, name: string): Promise<void> {
  try {
    await rm(fileOf(dir, name));
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') throw new InvoicingError('not_found', `no mapping template "${name}"`);
    throw e;
  }
}

/** A template as readable YAML, with a comment on what each setting means. */
export function templateYaml(t: CsvTemplate): string {
  const body = stringify(t, { lineWidth: 0 }).replace(/\n$/, '');
  const notes: Record<string, string> = {
    delimiter: 'field separator', encoding: 'utf-8 or windows-1252', decimal: 'decimal separator of amounts', thousands: 'grouping separator ("" for none)',
    dateFormat: 'how dates are written', skipLines: 'lines before the header row', header: 'the first line names the columns', currency: 'when no column holds it',
  };
  const commented = body.split('\n').map((line) => {
    const key = /^(\w+):/.exec(line)?.[1];
    return key && notes[key] ? `${line.padEnd(26)} # ${notes[key]}` : line;
  });
  return `# CSV mapping template for recflow payments import (recflow payments import <file> --template ${t.name})\n${commented.join('\n')}\n`;
}
