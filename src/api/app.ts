import { Hono } from 'hono';
import { InvoicingError } from '../invoicing/context.js';
import { requireToken } from './auth.js';
import { branchRoutes } from './branches.js';
import { customerRoutes } from './customers.js';
import { DunningError } from '../dunning/context.js';
import { dunningRoutes } from './dunning.js';
import { HttpError } from './errors.js';
import type { ApiDeps } from './deps.js';
import { idempotency } from './idempotency.js';
import { invoiceRoutes } from './invoices.js';
import { buildOpenApi } from './openapi.js';
import { opportunityRoutes } from './opportunities.js';
import { paymentRoutes } from './payments.js';
import { productRoutes } from './products.js';
import { receivableRoutes } from './receivables.js';
import { reportRoutes } from './reports.js';
import { routeDocs } from './route-docs.js';
import { recurringRoutes } from './recurring.js';
import { runRoutes } from './runs.js';
import { settingsRoutes } from './settings.js';
import { messageRoutes } from './messages.js';

const INVOICING_STATUS = { not_found: 404, invalid_state: 422, invalid_input: 422, conflict: 409 } as const;

/** The HTTP API as a plain Hono app, so tests call it in-process or over a socket. */
export function createApp(deps: ApiDeps) {
  const app = new Hono();
  app.get('/health', (c) => c.json({ ok: true }));
  const openapi = buildOpenApi(routeDocs, { version: '0.1.0' });
  app.get('/openapi.json', (c) => c.json(openapi));
  // Everything under /v1 needs a tenant's bearer token; then POSTs may carry Idempotency-Key.
  app.use('/v1/*', requireToken(deps.db), idempotency(deps.db));
  // A change may have written domain events: let the dispatcher look now, not at its next poll.
  app.use('/v1/*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET') deps.nudge?.();
  });
  app.route('/v1/opportunities', opportunityRoutes(deps));
  app.route('/v1', settingsRoutes(deps));
  app.route('/v1', messageRoutes(deps));
  app.route('/v1', customerRoutes(deps));
  app.route('/v1', productRoutes(deps));
  app.route('/v1', branchRoutes(deps));
  app.route('/v1', invoiceRoutes(deps));
  app.route('/v1', receivableRoutes(deps));
  app.route('/v1', paymentRoutes(deps));
  app.route('/v1', dunningRoutes(deps));
  app.route('/v1', reportRoutes(deps));
  if (deps.runs) app.route('/v1', runRoutes(deps.runs));
  if (deps.runs) app.route('/v1', recurringRoutes(deps, deps.runs));
  app.notFound((c) => c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    if (err instanceof HttpError) {
      return c.json({ error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }, err.status);
    }
    if (err instanceof DunningError) return c.json({ error: err.code, message: err.message }, err.code === 'not_found' ? 404 : 422);
    if (err instanceof InvoicingError) return c.json({ error: err.code, message: err.message }, INVOICING_STATUS[err.code]);
    console.error(err);
    return c.json({ error: 'internal', message: 'internal error; see the server log' }, 500);
  });
  return app;
}
