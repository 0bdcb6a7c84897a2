import { z } from 'zod';
import { DURATION_PATTERN, MONEY_PATTERN } from '../words.js';

/** `14d`, `2 weeks`, `1 month`. */
export const duration = z
  .string()
  .regex(new RegExp(DURATION_PATTERN), 'write a duration such as 14d, 2 weeks or 1 month')
  .meta({ description: 'A duration in plain words: 14d, 36h, 2 weeks, 1 month.', examples: ['14d', '2 weeks', '1 month'] });

/** `EUR 40.00`: a currency code and an amount. */
export const money = z
  .string()
  .regex(new RegExp(MONEY_PATTERN), 'write an amount such as EUR 40.00')
  .meta({ description: 'An amount with its ISO 4217 currency: EUR 40.00, RON 1,200.00.', examples: ['EUR 40.00'] });

export const ruleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes, e.g. overdue-reminders')
  .meta({ description: 'Unique name of the rule: lowercase letters, digits, dashes.' });

export const templateName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'a template name is a file name in rules/templates/ without .yaml')
  .meta({ description: 'A template in rules/templates/<name>.yaml.' });

/** One status or a list of statuses. */
export const statuses = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .meta({ description: 'A status or a list of statuses, e.g. won or [won, paid].' });

/** What to do when a wait ends one way or the other. */
export const thenWhat = z.enum(['continue', 'stop']);
