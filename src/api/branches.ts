// Branches of a tenant: dunning days per level live here (customers may override them).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Branch } from '../generated/sqlite/client/client.js';
import { actorOf, tenantOf } from './auth.js';
import type { ApiDeps } from './deps.js';
import { HttpError, readBody } from './errors.js';
import type { RouteDoc } from './openapi.js';

const days = z.number().int().min(0).max(365);
const branchFields = {
  name: z.string().min(1),
  dunningDays1: days.describe('days after the due date before reminder 1'),
  dunningDays2: days.describe('days after reminder 1 before reminder 2'),
  dunningDays3: days.describe('days after reminder 2 before reminder 3'),
};
const branchCreate = z
  .object({ name: branchFields.name, dunningDays1: days.default(7), dunningDays2: days.default(14), dunningDays3: days.default(14) })
  .strict()
  .meta({ id: 'BranchCreate' });
const branchUpdate = z
  .object({ name: branchFields.name.optional(), dunningDays1: days.optional(), dunningDays2: days.optional(), dunningDays3: days.optional() })
  .strict()
  .meta({ id: 'BranchUpdate' });
export const branchSchema = z.object({ id: z.string(), ...branchFields, createdAt: z.string() }).meta({ id: 'Branch' });

export const branchDocs = [
  { method: 'post', path: '/v1/branches', tag: 'branches', summary: 'Create a branch with its dunning days (defaults 7, 14, 14)', body: branchCreate, responses: { 201: { description: 'Created', schema: branchSchema } } },
  { method: 'get', path: '/v1/branches', tag: 'branches', summary: 'List branches', responses: { 200: { description: 'Branches', schema: z.object({ items: z.array(branchSchema) }) } } },
  { method: 'get', path: '/v1/branches/:id', tag: 'branches', summary: 'Read a branch', responses: { 200: { description: 'The branch', schema: branchSchema } } },
  { method: 'patch', path: '/v1/branches/:id', tag: 'branches', summary: 'Change a branch (the next dunning run uses the new days)', body: branchUpdate, responses: { 200: { description: 'Changed', schema: branchSchema } } },
  { method: 'delete', path: '/v1/branches/:id', tag: 'branches', summary: "Delete a branch; its customers fall back to the tenant's dunning days", responses: { 204: { description: 'Deleted' } } },
] as const satisfies readonly RouteDoc[];

const branchView = ({ tenantId: _, createdAt, ...b }: Branch) => ({ ...b, createdAt: createdAt.toISOString() });

export function branchRoutes(deps: ApiDeps) {
  const app = new Hono();
  const { db } = deps;
  const find = async (tenantId: string, id: string) => {
    const branch = await db.branch.findFirst({ where: { id, tenantId } });
    if (!branch) throw new HttpError(404, 'not_found', `no branch ${id}`);
    return branch;
  };
  const audit = (tenantId: string, id: string, action: string, actor: string, data: object) =>
    db.auditEvent.create({ data: { tenantId, entity: 'branch', entityId: id, action, actor, data } });

  app.post('/branches', async (c) => {
    const body = await readBody(c, branchCreate);
    const tenantId = tenantOf(c);
    const created = await db.branch.create({ data: { ...body, tenantId } });
    await audit(tenantId, created.id, 'created', actorOf(c), {});
    return c.json(branchView(created), 201);
  });
  app.get('/branches', async (c) => c.json({ items: (await db.branch.findMany({ where: { tenantId: tenantOf(c) }, orderBy: [{ name: 'asc' }, { id: 'asc' }] })).map(branchView) }));
  app.get('/branches/:id', async (c) => c.json(branchView(await find(tenantOf(c), c.req.param('id')))));
  app.patch('/branches/:id', async (c) => {
    const body = await readBody(c, branchUpdate);
    const tenantId = tenantOf(c);
    const branch = await find(tenantId, c.req.param('id'));
    const updated = await db.branch.update({ where: { id: branch.id }, data: body });
    await audit(tenantId, branch.id, 'updated', actorOf(c), { before: { dunningDays1: branch.dunningDays1, dunningDays2: branch.dunningDays2, dunningDays3: branch.dunningDays3 }, fields: Object.keys(body) });
    return c.json(branchView(updated));
  });
  app.delete('/branches/:id', async (c) => {
    const tenantId = tenantOf(c);
    const branch = await find(tenantId, c.req.param('id'));
    // Customer.branchId is SetNull: its customers keep their own overrides, else the tenant's days.
    await db.branch.delete({ where: { id: branch.id } });
    await audit(tenantId, branch.id, 'deleted', actorOf(c), { name: branch.name });
    return c.body(null, 204);
  });
  return app;
}
