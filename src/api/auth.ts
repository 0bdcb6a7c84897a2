// Bearer tokens per tenant. Only the SHA-256 of a token is stored; a request without a
// valid token is answered 401 before any handler (or the idempotency store) runs.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../platform/db.js';
import { HttpError } from './errors.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Makes a new token for a tenant and returns it in clear, once.
 * @example const { token } = await createApiToken(db, tenantId, 'crm'); // 'rf_…'
 */
export async function createApiToken(db: Db, tenantId: string, name: string): Promise<{ id: string; token: string }> {
  const token = `rf_${randomBytes(24).toString('base64url')}`;
  const row = await db.apiToken.create({ data: { tenantId, name, tokenHash: hashToken(token) } });
  return { id: row.id, token };
}

/** The tenant whose token authenticated the request. */
export function tenantOf(c: Context): string {
  const tenantId = c.get('tenantId' as never) as string | undefined;
  if (!tenantId) throw new Error('tenantOf: route is not behind requireToken');
  return tenantId;
}

/** Who acts, for the audit trail: "api-token:<id>". */
export function actorOf(c: Context): string {
  return c.get('actor' as never) as string;
}

const requestScope = new AsyncLocalStorage<{ tenantId: string; actor: string }>();

/**
 * The authenticated tenant of the request being handled, for deps that have no Hono
 * context (ApiDeps.tenantId, RunDeps.tenantId).
 */
export function currentTenantId(): string {
  const scope = requestScope.getStore();
  if (!scope) throw new Error('currentTenantId: called outside an authenticated request');
  return scope.tenantId;
}

export function requireToken(db: Db): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const row = match ? await db.apiToken.findUnique({ where: { tokenHash: hashToken(match[1]!) } }) : null;
    if (!row || row.revokedAt) {
      c.header('WWW-Authenticate', 'Bearer realm="recflow"');
      throw new HttpError(401, 'unauthorized', match ? 'the bearer token is not valid (revoked or unknown)' : 'send Authorization: Bearer <token>; `npm start` prints the demo token');
    }
    c.set('tenantId' as never, row.tenantId as never);
    const actor = `api-token:${row.id}`;
    c.set('actor' as never, actor as never);
    await requestScope.run({ tenantId: row.tenantId, actor }, next);
  };
}
