import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RuleError } from '../errors.js';
import { checkPipelinesFile, checkRuleFile } from '../schema/checks.generated.js';
import type { RuleFile } from '../schema/rule.js';
import type { CompiledRule } from '../snapshot.js';
import { crossCheck, type RuleContext, type ValidRule } from './cross-check.js';
import { normalise, snapshot } from './normalise.js';
import { parseYaml, type ParsedFile } from './parse.js';
import { loadTemplates } from './templates.js';
import { checkShape, validateShape } from './validate.js';

// The rules folder's loader. It does not import zod: a file the check generated from the
// schemas takes (src/rules/schema/checks.generated.ts) needs none, and only a file with a
// mistake loads zod, for its issues. That keeps `recflow rules check` of valid rules quick.

export interface RuleSet {
  /** Rules without errors, compiled, in file order. */
  rules: CompiledRule[];
  /** Every error in every file; a rule with errors is left out of `rules`. */
  errors: RuleError[];
  /** Rule files read. */
  files: number;
}

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

// One options object for every read: given 'utf8', readFileSync builds one per call.
const UTF8 = { encoding: 'utf8', flag: 'r' } as const;

/** Files in the rules folder that are not rules. */
const NOT_RULES = new Set(['pipelines.yaml', 'pipelines.yml']);

/**
 * Loads rules in stages — parse → schema → cross-checks → normalise → snapshot — from a
 * rules folder (its templates/ and pipelines.yaml) or from given files in it.
 * @example const { rules, errors } = await loadRuleSet({ dir: 'rules' })
 */
export async function loadRuleSet(opts: { dir: string; files?: string[]; cwd?: string; /** false: leave hash empty. */ hash?: boolean }): Promise<RuleSet> {
  const read = await readRuleSet(opts);
  const compiled = compileShaped(read.shaped, read.ctx, { hash: opts.hash });
  return { rules: compiled.rules, errors: [...read.errors, ...compiled.errors], files: read.files };
}

/**
 * What `recflow rules check` needs: every error and how many rules are fine. The same
 * stages as loadRuleSet, normalise included, but no content hash (nothing runs the rules)
 * and no compiled rule kept: memory that every young-generation GC would copy again.
 */
export async function checkRuleSet(opts: { dir: string; files?: string[]; cwd?: string }): Promise<{ rules: number; errors: RuleError[]; files: number }> {
  const read = await readRuleSet(opts);
  let rules = 0;
  const errors = stages3to5(read.shaped, read.ctx, (rule, rel) => {
    normalise(rule, rel, read.ctx);
    rules++;
  });
  return { rules, errors: [...read.errors, ...errors], files: read.files };
}

/** Templates, pipelines and rule files read, and stages 1 and 2 of each rule file. */
async function readRuleSet(opts: { dir: string; files?: string[]; cwd?: string }): Promise<{ shaped: ShapedFile[]; ctx: RuleContext; errors: RuleError[]; files: number }> {
  const cwd = opts.cwd ?? process.cwd();
  const display = (file: string) => path.relative(cwd, file) || file;
  const names = opts.files ? undefined : await ruleNamesIn(opts.dir);
  // The folder's own path once, then each name: path.join normalises per character, slow while cold.
  const prefix = opts.dir === '' || opts.dir.endsWith(path.sep) ? opts.dir : `${opts.dir}${path.sep}`;
  const files = opts.files ?? names!.map((n) => `${prefix}${n}`);
  const { templates, errors } = await loadTemplates(path.join(opts.dir, 'templates'), display);
  const ctx: RuleContext = { templates };
  const pipelines = await readOptional(path.join(opts.dir, 'pipelines.yaml'));
  if (pipelines !== undefined) {
    const { parsed, errors: yamlErrors } = parseYaml(display(path.join(opts.dir, 'pipelines.yaml')), pipelines);
    errors.push(...yamlErrors);
    if (parsed) {
      const checked = await checkShape(parsed, checkPipelinesFile, async () => (await import('../schema/pipelines.js')).pipelinesFile);
      errors.push(...checked.errors);
      if (checked.value) ctx.pipelines = checked.value;
    }
  }
  // Synchronous reads: ~10 µs per small file, where 1,000 promise-based reads (open, stat,
  // read, close on the thread pool each) took ~200 ms of a check.
  // path.relative is a per-character loop in JavaScript, slow while cold: files read from
  // the folder are named by its relative path, worked out once, and their own name.
  const shownDir = path.relative(cwd, opts.dir);
  const shaped = files.map((file, i) => {
    const name = names?.[i];
    const text = readFileSync(file, UTF8);
    if (name === undefined) return shapeFile(display(file), path.relative(opts.dir, file), text);
    return shapeFile(shownDir ? `${shownDir}${path.sep}${name}` : name, name, text);
  });
  if (shaped.some((f) => !f.shaped)) {
    const { ruleFile } = await import('../schema/rule.js');
    withZod(shaped, (p) => validateShape(p, ruleFile));
  }
  return { shaped, ctx, errors, files: files.length };
}

/** Stages 1 and 2 without zod: parse, and the generated check of the shape. */
export function shapeFiles(texts: { file: string; rel?: string; text: string }[]): ShapedFile[] {
  return texts.map(({ file, rel, text }) => shapeFile(file, rel ?? file, text));
}

function shapeFile(file: string, rel: string, text: string): ShapedFile {
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

/** Stages 3 to 5 over shaped files, errors in file order as the stages find them. */
export function compileShaped(files: ShapedFile[], ctx: RuleContext, opts: { hash?: boolean } = {}): { rules: CompiledRule[]; errors: RuleError[] } {
  const hash = opts.hash ?? true;
  const rules: CompiledRule[] = [];
  const errors = stages3to5(files, ctx, (rule, rel) => {
    const normalised = normalise(rule, rel, ctx);
    rules.push(hash ? snapshot(normalised) : { ...normalised, hash: '' });
  });
  return { rules, errors };
}

/** Cross-checks every shaped rule, then hands each rule without errors on, in file order. */
function stages3to5(files: ShapedFile[], ctx: RuleContext, next: (rule: RuleFile, rel: string) => void): RuleError[] {
  const errors: RuleError[] = [];
  const valid: (ValidRule & { rel: string })[] = [];
  for (const f of files) {
    if (!f.shaped) throw new Error(`${f.file}: the shape was not checked`);
    errors.push(...f.errors);
    if (f.value) valid.push({ parsed: f.parsed!, rule: f.value, rel: f.rel });
  }
  const checkErrors = crossCheck(valid, ctx);
  errors.push(...checkErrors);
  const broken = new Set(checkErrors.map((e) => e.file));
  for (const v of valid) if (!broken.has(v.parsed.file)) next(v.rule, v.rel);
  return errors;
}

async function ruleNamesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => /\.ya?ml$/.test(n) && !NOT_RULES.has(n)).sort();
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
