// The API in-process on a real database, with two tenants and their tokens. Every JSON
// response is checked against the route's documented schema (src/api/route-docs.ts).
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { createApiToken, currentTenantId } from '../../src/api/auth.js';
import type { ApiDeps } from '../../src/api/deps.js';
import { responsesOf, type RouteDoc } from '../../src/api/openapi.js';
import { routeDocs } from '../../src/api/route-docs.js';
import type { Db } from '../../src/platform/db.js';

export async function tenantWithToken(db: Db, name: string) {
  const tenant = await db.tenant.create({ data: { name, slug: `${name}-${randomUUID().slice(0, 8)}`, timeZone: 'Europe/Bucharest' } });
  const { token } = await createApiToken(db, tenant.id, 'test');
  return { tenant, token };
}

export function testApp(db: Db, extra: Partial<ApiDeps> = {}) {
  return createApp({ db, tenantId: currentTenantId, fire: async () => [], runUrl: (id) => `ui/${id}`, newId: randomUUID, ...extra });
}

export function docFor(method: string, path: string): RouteDoc | undefined {
  const pathOnly = path.split('?')[0]!;
  const matches = routeDocs.filter((d) => d.method === method.toLowerCase() && new RegExp(`^${d.path.replace(/:\w+/g, '[^/]+')}$`).test(pathOnly));
  // A literal segment beats a parameter (/v1/invoices/from-opportunity vs /v1/invoices/:id).
  return matches.sort((a, b) => (a.path.match(/:/g)?.length ?? 0) - (b.path.match(/:/g)?.length ?? 0))[0];
}

export type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any; headers: Headers }>;

/** A client for one token; asserts each response is documented and matches its schema. */
export function client(app: ReturnType<typeof testApp>, token: string | null): Call {
  return async (method, path, body, headers = {}) => {
    const res = await app.request(path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const doc = docFor(method, path);
    expect(doc, `${method} ${path} is not documented`).toBeDefined();
    const documented = responsesOf(doc!)[res.status];
    expect(documented, `${method} ${path} answered ${res.status}, which is not documented`).toBeDefined();
    const isJson = res.headers.get('content-type')?.includes('json');
    const parsed = isJson ? await res.json() : await res.arrayBuffer();
    if (isJson && documented!.schema) {
      const check = documented!.schema.safeParse(parsed);
      expect(check.success, `${method} ${path} ${res.status}: ${check.error?.message}`).toBe(true);
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
}
