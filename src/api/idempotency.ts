// Idempotency-Key on POSTs: the first response (below 500) is stored per tenant and key
// and replayed for a repeat; the same key with another method, path or body is a 422.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { isUniqueViolation, type Db } from '../platform/db.js';
import { tenantOf } from './auth.js';
import { HttpError } from './errors.js';

export function idempotency(db: Db): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || !key) return next();
    if (key.length > 200) throw new HttpError(400, 'invalid_request', 'Idempotency-Key: at most 200 characters');
    const tenantId = tenantOf(c);
    // Raw bytes, not text: reading an upload as text first would decode a Windows-1252
    // statement as UTF-8 for the handler too (Hono derives later reads from the first).
    const requestHash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n`).update(Buffer.from(await c.req.arrayBuffer())).digest('hex');
    const seen = await db.idempotencyRecord.findUnique({ where: { tenantId_key: { tenantId, key } } });
    if (seen) {
      if (seen.requestHash !== requestHash) {
        throw new HttpError(422, 'idempotency_key_reused', `Idempotency-Key "${key}" was used for a different request; use a new key for a new request`);
      }
      return new Response(seen.body, { status: seen.status, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } });
    }
    await next();
    if (c.res.status >= 300 && c.res.status !== 422) return; // 400s, 404s and 409s may succeed when retried
    const body = await c.res.clone().text();
    // A concurrent twin may have stored first (unique key); its response stands.
    await db.idempotencyRecord.create({ data: { tenantId, key, requestHash, status: c.res.status, body } }).catch((e: unknown) => {
      if (!isUniqueViolation(e)) throw e;
    });
  };
}
