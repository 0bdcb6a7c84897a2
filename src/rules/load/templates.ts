import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { RuleError } from '../errors.js';
import { FACTS, findFact } from '../facts.js';
import { nearest } from '../nearest.js';
import { checkTemplateFile } from '../schema/checks.generated.js';
import type { CompiledTemplate } from '../snapshot.js';
import { errorAt, parseYaml, type ParsedFile } from './parse.js';
import { checkShape } from './validate.js';

export interface LoadedTemplate {
  name: string;
  file: string;
  compiled: CompiledTemplate;
  /** The facts its placeholders name, in any language. */
  facts: string[];
}

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** rules/templates/*.yaml: parsed, shape-checked, every {{placeholder}} checked against the facts. */
export async function loadTemplates(dir: string, display: (file: string) => string): Promise<{ templates: Map<string, LoadedTemplate>; errors: RuleError[] }> {
  const templates = new Map<string, LoadedTemplate>();
  const errors: RuleError[] = [];
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const entry of names.filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const file = display(path.join(dir, entry));
    // A synchronous read: a dozen small files, each a trip through the thread pool otherwise.
    const { parsed, errors: yamlErrors } = parseYaml(file, readFileSync(path.join(dir, entry), 'utf8'));
    errors.push(...yamlErrors);
    if (!parsed) continue;
    const { value, errors: shapeErrors } = await checkShape(parsed, checkTemplateFile, async () => (await import('../schema/template.js')).templateFile);
    errors.push(...shapeErrors);
    if (!value) continue;
    errors.push(...checkPlaceholders(parsed));
    const { kind, description: _d, ...variants } = value;
    const facts = [...new Set([...JSON.stringify(variants).matchAll(PLACEHOLDER)].map((m) => m[1]!))];
    templates.set(entry.replace(/\.ya?ml$/, ''), { name: entry.replace(/\.ya?ml$/, ''), file, compiled: { kind, variants } as CompiledTemplate, facts });
  }
  return { templates, errors };
}

function checkPlaceholders(p: ParsedFile): RuleError[] {
  const errors: RuleError[] = [];
  const visit = (value: unknown, at: PropertyKey[]) => {
    if (typeof value === 'string') {
      for (const [, name] of value.matchAll(PLACEHOLDER)) {
        const fact = findFact(name!);
        if (!fact) {
          const near = nearest(name!, FACTS.map((f) => f.name));
          errors.push(errorAt(p, at, 'templateVariable', `{{${name}}} names no fact`, near ? `did you mean {{${near}}}?` : 'see the facts in docs/rules.md'));
        } else if (!fact.available) {
          errors.push(errorAt(p, at, 'notAvailable', `{{${name}}} is declared but not available yet`, 'it comes with a later feature (dunning); leave it out for now'));
        }
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...at, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...at, k]);
  };
  visit(p.data, []);
  return errors;
}
