import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError } from './errors.js';

/** Parses the query string against a schema; a bad parameter is a 400 that names it. */
export function readQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(query)', message: i.message }));
  throw new HttpError(400, 'invalid_request', `${issues[0]!.field}: ${issues[0]!.message}`, { issues });
}
