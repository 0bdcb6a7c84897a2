// The OpenAPI 3.1 description, generated from the same zod schemas the routes validate
// with. Each route module exports its RouteDoc list; the tests check every Hono route is
// documented and every response matches its documented schema.
import { z } from 'zod';
import { errorSchema } from './schemas.js';

export interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Hono form: /v1/invoices/:id */
  path: string;
  summary: string;
  tag: string;
  /** Default true: needs a bearer token. */
  auth?: boolean;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
}

function standardErrors(d: RouteDoc): RouteDoc['responses'] {
  const r: RouteDoc['responses'] = {};
  if (d.body || d.query) r[400] = { description: 'Malformed request; the message names the field', schema: errorSchema };
  if (d.auth !== false) r[401] = { description: 'Missing or invalid bearer token', schema: errorSchema };
  if (d.path.includes(':')) r[404] = { description: 'Not found for this tenant', schema: errorSchema };
  if (d.method !== 'get') {
    r[409] = { description: 'Changed concurrently; read it again and retry', schema: errorSchema };
    r[422] = { description: 'Not possible in the current state, or Idempotency-Key reused with another request', schema: errorSchema };
  }
  return r;
}

/** All responses of a route, documented ones plus the standard errors. */
export function responsesOf(d: RouteDoc): RouteDoc['responses'] {
  return { ...standardErrors(d), ...d.responses };
}

export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:(\w+)/g, '{$1}');
}

export function buildOpenApi(docs: readonly RouteDoc[], info: { version: string }): object {
  const components: Record<string, unknown> = {};
  const toSchema = (s: z.ZodType, io: 'input' | 'output') => {
    const json = JSON.stringify(z.toJSONSchema(s, { io, unrepresentable: 'any' })).replaceAll('"#/$defs/', '"#/components/schemas/');
    const { $defs, $schema: _, ...rest } = JSON.parse(json) as Record<string, unknown> & { $defs?: Record<string, unknown> };
    Object.assign(components, $defs ?? {});
    return rest;
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const d of docs) {
    const params = [...d.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = d.query
      ? Object.entries(d.query.shape).map(([name, s]) => ({ name, in: 'query', required: !(s as z.ZodType).safeParse(undefined).success, schema: toSchema(s as z.ZodType, 'input') }))
      : [];
    const headers = d.method === 'post' ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'Repeat a POST safely: the stored response is replayed' }] : [];
    (paths[openApiPath(d.path)] ??= {})[d.method] = {
      summary: d.summary,
      tags: [d.tag],
      ...(d.auth === false ? { security: [] } : {}),
      parameters: [...params, ...query, ...headers],
      ...(d.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(d.body, 'input') } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(responsesOf(d)).map(([status, r]) => [
          status,
          { description: r.description, ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: toSchema(r.schema, 'output') } } } : r.contentType ? { content: { [r.contentType]: {} } } : {}) },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'recflow API', version: info.version, description: 'Invoicing and receivables automation. Amounts are integer minor units (cents) with an ISO 4217 currency.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}
