import { readFileSync } from 'node:fs';
import type { RuleError } from '../errors.js';
import { checkRule, duplicateIdError, type RuleContext } from './cross-check.js';
import { normalise } from './normalise.js';
import type { ParsedFile } from './parse.js';
import { shapeFile, UTF8, withZod, type RuleFileRef, type ShapedFile } from './shape.js';
import { validateShape } from './validate.js';

// `recflow rules check` takes rule files through every stage a chunk at a time: read,
// parse, shape, the cross-checks of each rule on its own, normalise. Only what the report
// needs is kept (errors, the id, the parsed file for the position of a duplicate id), so a
// rule's data dies young and each young-generation GC has less to copy. mergeChecked then
// gives what the stages over all files give: the same errors in the same order.

/** A rule file through stages 1 to 5 on its own: all but the duplicate-id check. */
export interface CheckedFile {
  /** The name errors give the file. */
  file: string;
  /** Errors of stages 1 and 2. */
  errors: RuleError[];
  /** Its rule's id, when the shape is right. */
  id?: string;
  /** Stage 3's errors but a duplicate id, when the shape is right. */
  checkErrors?: RuleError[];
  /** When the shape is right: for the position of its id. */
  parsed?: ParsedFile;
}

/**
 * Stages 1 to 5 of every file, a chunk at a time; undefined when zod, a cross-check or
 * normalise threw (a bug, such as normalise refusing what the checks passed). Normalise runs
 * for every rule without errors of its own, duplicate id or not, so the caller then runs the
 * stages over all files as loadRuleSet does, which throw that error (or none, if it came from
 * a rule they leave out), or a read error of a later file first, as they would.
 * A read or parse that fails throws here as there: at the same file, before any later one is read.
 */
export async function checkFiles(refs: RuleFileRef[], ctx: RuleContext): Promise<CheckedFile[] | undefined> {
  const out: CheckedFile[] = [];
  let zodRule: typeof import('../schema/rule.js').ruleFile | undefined;
  const shaped: ShapedFile[] = [];
  for (let start = 0; start < refs.length; start += CHUNK) {
    // Each stage over the chunk in turn: one file at a time through all of them took fewer
    // instructions but more time (each stage's code and data no longer in the caches).
    shaped.length = 0;
    for (let i = start; i < refs.length && i < start + CHUNK; i++) {
      const ref = refs[i]!;
      const f = shapeFile(ref.shown, ref.rel, readFileSync(ref.path, UTF8));
      if (!f.shaped) zodRule ??= (await import('../schema/rule.js')).ruleFile;
      shaped.push(f);
    }
    try {
      for (const f of shaped) out.push(checkShaped(f, ctx, zodRule));
    } catch {
      return undefined;
    }
  }
  return out;
}

/** Files per chunk: few enough that their data dies young, enough that each stage's code stays hot. */
const CHUNK = 32;

/** Stages 2 (zod, for a file the generated check declined) to 5 of one file. */
function checkShaped(f: ShapedFile, ctx: RuleContext, zodRule: typeof import('../schema/rule.js').ruleFile | undefined): CheckedFile {
  if (!f.shaped) withZod([f], (p) => validateShape(p, zodRule!));
  if (!f.value) return { file: f.file, errors: f.errors };
  const checkErrors = checkRule({ parsed: f.parsed!, rule: f.value }, ctx);
  if (checkErrors.length === 0) normalise(f.value, f.rel, ctx);
  return { file: f.file, errors: f.errors, id: f.value.id, checkErrors, parsed: f.parsed };
}

/**
 * Checked files in file order → what the stages over all files report: every stage 1–2
 * error first, then stage 3 rule by rule (a duplicate id before the rule's own errors); a
 * rule counts when no stage 3 error names its file.
 */
export function mergeChecked(files: CheckedFile[]): { rules: number; errors: RuleError[] } {
  const errors: RuleError[] = [];
  for (const f of files) errors.push(...f.errors);
  const firstById = new Map<string, CheckedFile>();
  const broken = new Set<string>();
  for (const f of files) {
    if (f.id === undefined) continue;
    const first = firstById.get(f.id);
    if (first) {
      const e = duplicateIdError(f.parsed!, first.parsed!, f.id);
      errors.push(e);
      broken.add(e.file);
    } else firstById.set(f.id, f);
    for (const e of f.checkErrors!) {
      errors.push(e);
      broken.add(e.file);
    }
  }
  let rules = 0;
  for (const f of files) if (f.id !== undefined && !broken.has(f.file)) rules++;
  return { rules, errors };
}
