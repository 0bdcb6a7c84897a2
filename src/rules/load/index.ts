import type { RuleError } from '../errors.js';
import type { CompiledRule } from '../snapshot.js';
import { ruleFile } from '../schema/rule.js';
import type { RuleContext } from './cross-check.js';
import { compileShaped, shapeFiles } from './rule-set.js';
import { withZod } from './shape.js';
import { validateShape } from './validate.js';

export { checkRuleSet, loadRuleSet, type RuleSet } from './rule-set.js';

/** The stages over texts already read; synchronous, for tests and the benchmark. */
export function compileRuleTexts(texts: { file: string; rel?: string; text: string }[], ctx: RuleContext, opts: { hash?: boolean } = {}): { rules: CompiledRule[]; errors: RuleError[] } {
  const files = shapeFiles(texts);
  withZod(files, (p) => validateShape(p, ruleFile));
  return compileShaped(files, ctx, opts);
}
