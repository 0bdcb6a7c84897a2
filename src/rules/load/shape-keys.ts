import type { z } from 'zod';

// Reads zod's definitions (schema._zod.def) to find which keys a strict object allows at
// a data path, so "unknown key" errors can name the right ones. Internal API: kept here alone.
type Def = {
  type: string;
  innerType?: Schema;
  in?: Schema;
  getter?: () => Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  options?: Schema[];
  discriminator?: string;
  values?: unknown[];
};
type Schema = { _zod: { def: Def } };
const WRAPPERS = ['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional'];

export function keysAt(schema: z.ZodType, data: unknown, path: readonly PropertyKey[]): string[] | undefined {
  const s = schemaAt(schema, data, path);
  const shape = s?._zod.def.type === 'object' ? s._zod.def.shape : undefined;
  return shape && Object.keys(shape);
}

/** The description a schema node at a data path carries (its .meta), for fix hints. */
export function descriptionAt(schema: z.ZodType, data: unknown, path: readonly PropertyKey[]): string | undefined {
  let s = schemaAt(schema, data, path) as unknown as z.ZodType | undefined;
  for (let guard = 0; s && guard < 5; guard++) {
    const description = s.meta()?.description;
    if (description) return description;
    s = (s as unknown as Schema)._zod.def.innerType as unknown as z.ZodType | undefined;
  }
  return undefined;
}

function schemaAt(schema: z.ZodType, data: unknown, path: readonly PropertyKey[]): Schema | undefined {
  let s = resolve(schema as unknown as Schema, data);
  let v = data;
  for (const seg of path) {
    const def = s?._zod.def;
    const next = def?.type === 'object' ? def.shape?.[String(seg)] : def?.type === 'array' ? def.element : undefined;
    v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[seg] : undefined;
    if (!next) return undefined;
    if (path.at(-1) === seg && seg === path[path.length - 1] && v === undefined) return next;
    s = resolve(next, v);
  }
  return s;
}

/** Unwraps optional/default/lazy and picks the union option the data chose. */
function resolve(schema: Schema, data: unknown): Schema | undefined {
  let s: Schema | undefined = schema;
  for (let guard = 0; s && guard < 20; guard++) {
    const def: Def = s._zod.def;
    if (WRAPPERS.includes(def.type)) s = def.innerType;
    else if (def.type === 'lazy') s = def.getter?.();
    else if (def.type === 'pipe') s = def.in;
    else if (def.type === 'union') s = pickOption(def, data);
    else return s;
  }
  return s;
}

function pickOption(def: Def, data: unknown): Schema | undefined {
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
  const objects = (def.options ?? []).filter((o) => o._zod.def.type === 'object');
  if (def.discriminator && record) {
    return objects.find((o) => o._zod.def.shape?.[def.discriminator!]?._zod.def.values?.includes(record[def.discriminator!]));
  }
  return record ? objects.find((o) => Object.keys(record).some((k) => k in (o._zod.def.shape ?? {}))) : undefined;
}
