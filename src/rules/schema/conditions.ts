import { z } from 'zod';

/**
 * A condition: a comparison written as one line (`opportunity.amount >= EUR 100.00`,
 * `customer.language in [ro, de]`), or all / any / not over conditions. Comparisons are
 * parsed by src/rules/conditions/parse.ts; nothing is ever evaluated as code.
 */
export type Condition = string | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const comparison = z
  .string()
  .min(1)
  .meta({
    description: 'A comparison: <fact> <op> <value>; op is one of == != < <= > >= in.',
    examples: ['opportunity.amount >= EUR 100.00', 'customer.language in [ro, de]', 'opportunity.custom.seats > 1'],
  });

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    comparison,
    z.strictObject({ all: z.array(condition).min(1) }).meta({ description: 'True when every condition is true.' }),
    z.strictObject({ any: z.array(condition).min(1) }).meta({ description: 'True when at least one condition is true.' }),
    z.strictObject({ not: condition }).meta({ description: 'True when the condition is false.' }),
  ]),
);
