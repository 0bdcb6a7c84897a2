// Compiled conditions: what the loader produces and the workflow evaluates. Pure data.

export type Literal =
  | { kind: 'money'; currency: string; minor: number }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'list'; items: Literal[] };

export const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', 'not in', 'in'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Comparison {
  /** The fact as written, e.g. opportunity.amount. */
  fact: string;
  /** Where its value is read in the facts object. */
  path: string;
  /** For money: where the currency is read. */
  currencyPath?: string;
  op: Operator;
  value: Literal;
  /** The comparison as the owner wrote it, for explanations. */
  text: string;
}

export type CompiledCondition = Comparison | { all: CompiledCondition[] } | { any: CompiledCondition[] } | { not: CompiledCondition };
