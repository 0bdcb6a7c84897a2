import { Hono } from 'hono';
import { HttpError } from './errors.js';
import type { ApiDeps } from './deps.js';
import { opportunityRoutes } from './opportunities.js';
import { runRoutes } from './runs.js';

/** The HTTP API as a plain Hono app, so tests call it in-process or over a socket. */
export function createApp(deps: ApiDeps) {
  const app = new Hono();
  app.get('/health', (c) => c.json({ ok: true }));
  app.route('/v1/opportunities', opportunityRoutes(deps));
  if (deps.runs) app.route('/v1', runRoutes(deps.runs));
  app.notFound((c) => c.json({ error: 'not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    if (err instanceof HttpError) {
      return c.json({ error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }, err.status);
    }
    console.error(err);
    return c.json({ error: 'internal', message: 'internal error; see the server log' }, 500);
  });
  return app;
}
