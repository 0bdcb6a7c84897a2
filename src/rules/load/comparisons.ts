import { parseComparison, type ConditionProblem } from '../conditions/parse.js';
import type { Comparison } from '../conditions/types.js';

// Rules repeat the same comparisons (`opportunity.amount >= EUR 100.00`), and each is read
// twice, by the cross-checks and by normalise: parse each distinct text once per process.
// The results are plain data that nothing mutates, so rules may share them.
const parsed = new Map<string, Comparison | ConditionProblem>();

export function comparison(text: string): Comparison | ConditionProblem {
  let result = parsed.get(text);
  if (result === undefined) {
    if (parsed.size >= 10_000) parsed.clear(); // a bound, not an LRU: enough for any rules folder
    result = parseComparison(text);
    parsed.set(text, result);
  }
  return result;
}
