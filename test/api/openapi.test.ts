// GET /openapi.json: OpenAPI 3.1 generated from the zod schemas; every Hono route is in it.
import { describe, expect, it } from 'vitest';
import { openApiPath } from '../../src/api/openapi.js';
import type { RunDeps } from '../../src/api/runs.js';
import type { Db } from '../../src/platform/db.js';
import { testApp } from './support.js';

describe('OpenAPI description', () => {
  // The description needs no database or Temporal; requests that would reach them are not made.
  const app = testApp({} as Db, { runs: {} as RunDeps });

  it('is served without a token and documents every route', async () => {
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    const routes = app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(routes.filter((r) => !documented.includes(r)), 'routes missing from src/api/route-docs.ts').toEqual([]);
    expect(documented.filter((d) => !routes.includes(d)), 'documented routes that do not exist').toEqual([]);
    expect(doc.paths['/v1/invoices/{id}/issue']!.post!.responses).toHaveProperty('401');
    expect(doc.paths['/health']!.get!.security).toEqual([]);
  });

  it('references shared schemas by component, and every reference resolves', async () => {
    const text = await (await app.request('/openapi.json')).text();
    const doc = JSON.parse(text) as { components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Invoice', 'Customer', 'Contact', 'Error', 'LineInput', 'FinancialPicture']));
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter((r) => !(r in doc.components.schemas))).toEqual([]);
    expect(text.includes('#/$defs/')).toBe(false);
  });
});
