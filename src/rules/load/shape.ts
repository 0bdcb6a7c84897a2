import { readFileSync } from 'node:fs';
import type { RuleError } from '../errors.js';
import { checkRuleFile } from '../schema/checks.generated.js';
import type { RuleFile } from '../schema/rule.js';
import { parseYaml, type ParsedFile } from './parse.js';
import { validateShape } from './validate.js';

// Stages 1 and 2 of a rule file: read, parse, and the shape check generated from the
// schemas; zod (loaded only then) for a file that check declines.

/** A rule file after stages 1 and 2: its errors so far, and its value when it has the right shape. */
export interface ShapedFile {
  file: string;
  rel: string;
  parsed?: ParsedFile;
  errors: RuleError[];
  value?: RuleFile;
  /** False while the generated check declined it and zod has not yet had its say. */
  shaped: boolean;
}

/** A rule file to check: where it is, the name errors give it, and its path in the folder. */
export interface RuleFileRef {
  path: string;
  shown: string;
  rel: string;
}

// One options object for every read: given 'utf8', readFileSync builds one per call.
export const UTF8 = { encoding: 'utf8', flag: 'r' } as const;

/** Stages 1 and 2 of rule files: read, parse, the generated check, and zod for what it declined. */
export async function shapeRefs(refs: RuleFileRef[]): Promise<ShapedFile[]> {
  // Synchronous reads: ~10 µs per small file, where 1,000 promise-based reads (open, stat,
  // read, close on the thread pool each) took ~200 ms of a check.
  const shaped = refs.map((r) => shapeFile(r.shown, r.rel, readFileSync(r.path, UTF8)));
  if (shaped.some((f) => !f.shaped)) {
    const { ruleFile } = await import('../schema/rule.js');
    withZod(shaped, (p) => validateShape(p, ruleFile));
  }
  return shaped;
}

/** Stages 1 and 2 of one rule file's text, zod aside (`shaped` false when it must have its say). */
export function shapeFile(file: string, rel: string, text: string): ShapedFile {
  const { parsed, errors } = parseYaml(file, text);
  const value = parsed && checkRuleFile(parsed.data);
  // The value stands for the data from here on (errors point into the text, not the data):
  // not keeping both halves what stays alive, and what each young-generation GC copies.
  if (value !== undefined) parsed!.data = undefined;
  return { file, rel, parsed, errors, value, shaped: !parsed || value !== undefined };
}

/** Stage 2 by zod for the files the generated check declined: zod's value or its errors. */
export function withZod(files: ShapedFile[], validate: (p: ParsedFile) => { value?: RuleFile; errors: RuleError[] }): void {
  for (const f of files) {
    if (f.shaped) continue;
    const { value, errors } = validate(f.parsed!);
    f.errors.push(...errors);
    f.value = value;
    f.shaped = true;
  }
}
