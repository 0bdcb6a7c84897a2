import { z } from 'zod';
import { action } from './actions.js';
import { condition } from './conditions.js';
import { ruleId } from './common.js';
import { trigger } from './triggers.js';

export const MODES = ['single', 'restart', 'queued', 'parallel'] as const;

/** A rule file: the one source of truth for types, validation and rules/schema.json. */
export const ruleFile = z
  .strictObject({
    id: ruleId,
    description: z.string().optional(),
    mode: z.enum(MODES).default('parallel').meta({
      description:
        'When the rule fires again for the same subject while a run is going: single (ignore the new event), ' +
        'restart (cancel the run, start anew), queued (run after it), parallel (run both; the default).',
    }),
    when: trigger,
    if: condition.optional().meta({ description: 'Run only when this holds for the subject when the rule fires.' }),
    steps: z.array(action).min(1).meta({ description: 'What the run does, in order.' }),
  })
  .meta({ title: 'recflow rule', description: 'A recflow automation rule (rules/*.yaml).' });

export type RuleFile = z.output<typeof ruleFile>;
