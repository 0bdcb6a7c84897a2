import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RuleError } from '../errors.js';
import { checkPipelinesFile } from '../schema/checks.generated.js';
import type { RuleFile } from '../schema/rule.js';
import type { CompiledRule } from '../snapshot.js';
import { checkFiles, mergeChecked } from './check-files.js';
import { crossCheck, type RuleContext, type ValidRule } from './cross-check.js';
import { normalise, snapshot } from './normalise.js';
import { parseYaml, type ParsedFile } from './parse.js';
import { shapeFile, shapeRefs, type RuleFileRef, type ShapedFile } from './shape.js';
import { loadTemplates } from './templates.js';
import { checkShape } from './validate.js';

export { withZod, type RuleFileRef, type ShapedFile } from './shape.js';

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
 * and no compiled rule kept: memory that every young-generation GC would copy again. The
 * files go through every stage a chunk at a time (check-files.ts), so their data dies young;
 * on a bug there, the stages run one after the other over all files, as loadRuleSet's.
 */
export async function checkRuleSet(opts: { dir: string; files?: string[]; cwd?: string }): Promise<{ rules: number; errors: RuleError[]; files: number }> {
  const { refs, ctx, errors } = await readFolder(opts);
  const files = await checkFiles(refs, ctx);
  const checked = files ? mergeChecked(files) : await checkInStages(refs, ctx);
  return { rules: checked.rules, errors: [...errors, ...checked.errors], files: refs.length };
}

/** Stages 1 to 5 of the given rule files, each over all of them before the next. */
async function checkInStages(refs: RuleFileRef[], ctx: RuleContext): Promise<{ rules: number; errors: RuleError[] }> {
  const shaped = await shapeRefs(refs);
  let rules = 0;
  const errors = stages3to5(shaped, ctx, (rule, rel) => {
    normalise(rule, rel, ctx);
    rules++;
  });
  return { rules, errors };
}

/** Templates, pipelines and rule files read, and stages 1 and 2 of each rule file. */
async function readRuleSet(opts: { dir: string; files?: string[]; cwd?: string }): Promise<{ shaped: ShapedFile[]; ctx: RuleContext; errors: RuleError[]; files: number }> {
  const { refs, ctx, errors } = await readFolder(opts);
  return { shaped: await shapeRefs(refs), ctx, errors, files: refs.length };
}

/** The folder's templates and pipelines (with their errors), and the rule files to check. */
async function readFolder(opts: { dir: string; files?: string[]; cwd?: string }): Promise<{ refs: RuleFileRef[]; ctx: RuleContext; errors: RuleError[] }> {
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
  // path.relative is a per-character loop in JavaScript, slow while cold: files read from
  // the folder are named by its relative path, worked out once, and their own name.
  const shownDir = path.relative(cwd, opts.dir);
  const refs = files.map((file, i): RuleFileRef => {
    const name = names?.[i];
    if (name === undefined) return { path: file, shown: display(file), rel: path.relative(opts.dir, file) };
    return { path: file, shown: shownDir ? `${shownDir}${path.sep}${name}` : name, rel: name };
  });
  return { refs, ctx, errors };
}

/** Stages 1 and 2 without zod: parse, and the generated check of the shape. */
export function shapeFiles(texts: { file: string; rel?: string; text: string }[]): ShapedFile[] {
  return texts.map(({ file, rel, text }) => shapeFile(file, rel ?? file, text));
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
