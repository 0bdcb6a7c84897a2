import { Hono } from 'hono';
import { z } from 'zod';
import type { Contact, Customer } from '../platform/db.js';
import { actorOf, tenantOf } from './auth.js';
import type { ApiDeps } from './deps.js';
import { HttpError, readBody } from './errors.js';
import type { RouteDoc } from './openapi.js';
import { contactFields, contactSchema, customerFields, customerSchema } from './schemas.js';

const optional = <T extends Record<string, z.ZodType>>(shape: T) => Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
const { name, ...rest } = customerFields;
const customerCreate = z.object({ name, ...optional(rest) }).strict().meta({ id: 'CustomerCreate' });
const customerUpdate = z.object(optional(customerFields)).strict().meta({ id: 'CustomerUpdate' });
const contactCreate = z.object({ ...contactFields, role: contactFields.role.default('main') }).strict().meta({ id: 'ContactCreate' });
const contactUpdate = z.object(optional(contactFields)).strict().meta({ id: 'ContactUpdate' });
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const customerDocs = [
  { method: 'post', path: '/v1/customers', tag: 'customers', summary: 'Create a customer', body: customerCreate, responses: { 201: { description: 'Created', schema: customerSchema } } },
  { method: 'get', path: '/v1/customers', tag: 'customers', summary: 'List customers (by name)', responses: { 200: { description: 'Customers', schema: list(customerSchema) } } },
  { method: 'get', path: '/v1/customers/:id', tag: 'customers', summary: 'Read a customer', responses: { 200: { description: 'The customer', schema: customerSchema } } },
  { method: 'patch', path: '/v1/customers/:id', tag: 'customers', summary: 'Change a customer', body: customerUpdate, responses: { 200: { description: 'Changed', schema: customerSchema } } },
  { method: 'post', path: '/v1/customers/:id/contacts', tag: 'contacts', summary: "Add a contact (role: main, accounting, …)", body: contactCreate, responses: { 201: { description: 'Created', schema: contactSchema } } },
  { method: 'get', path: '/v1/customers/:id/contacts', tag: 'contacts', summary: "List a customer's contacts", responses: { 200: { description: 'Contacts', schema: list(contactSchema) } } },
  { method: 'get', path: '/v1/contacts/:id', tag: 'contacts', summary: 'Read a contact', responses: { 200: { description: 'The contact', schema: contactSchema } } },
  { method: 'patch', path: '/v1/contacts/:id', tag: 'contacts', summary: 'Change a contact', body: contactUpdate, responses: { 200: { description: 'Changed', schema: contactSchema } } },
  { method: 'delete', path: '/v1/contacts/:id', tag: 'contacts', summary: 'Remove a contact', responses: { 204: { description: 'Deleted' } } },
] as const satisfies readonly RouteDoc[];

export function customerView(c: Customer) {
  const { tenantId: _, creditLimitMinor, createdAt, updatedAt, ...fields } = c;
  return { ...fields, creditLimitMinor: creditLimitMinor === null ? null : Number(creditLimitMinor), createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}
const contactView = (c: Contact) => ({ ...c, createdAt: c.createdAt.toISOString() });

export function customerRoutes(deps: ApiDeps) {
  const app = new Hono();
  const { db } = deps;
  const findCustomer = async (tenantId: string, id: string) => {
    const customer = await db.customer.findFirst({ where: { id, tenantId } });
    if (!customer) throw new HttpError(404, 'not_found', `no customer ${id}`);
    return customer;
  };
  const checkBranch = async (tenantId: string, branchId: string | null | undefined) => {
    if (branchId && !(await db.branch.findFirst({ where: { id: branchId, tenantId } }))) throw new HttpError(422, 'unknown_branch', `branchId: no branch ${branchId}`);
  };

  app.post('/customers', async (c) => {
    const body = await readBody(c, customerCreate);
    await checkBranch(tenantOf(c), body.branchId);
    const created = await db.customer.create({ data: { ...body, tenantId: tenantOf(c) } });
    await db.auditEvent.create({ data: { tenantId: tenantOf(c), entity: 'customer', entityId: created.id, action: 'created', actor: actorOf(c), data: {} } });
    return c.json(customerView(created), 201);
  });
  app.get('/customers', async (c) => c.json({ items: (await db.customer.findMany({ where: { tenantId: tenantOf(c) }, orderBy: { name: 'asc' }, take: 1000 })).map(customerView) }));
  app.get('/customers/:id', async (c) => c.json(customerView(await findCustomer(tenantOf(c), c.req.param('id')))));
  app.patch('/customers/:id', async (c) => {
    const body = await readBody(c, customerUpdate);
    const customer = await findCustomer(tenantOf(c), c.req.param('id'));
    await checkBranch(tenantOf(c), body.branchId);
    const updated = await db.customer.update({ where: { id: customer.id }, data: body });
    await db.auditEvent.create({ data: { tenantId: tenantOf(c), entity: 'customer', entityId: customer.id, action: 'updated', actor: actorOf(c), data: { fields: Object.keys(body) } } });
    return c.json(customerView(updated));
  });

  app.post('/customers/:id/contacts', async (c) => {
    const body = await readBody(c, contactCreate);
    const customer = await findCustomer(tenantOf(c), c.req.param('id'));
    return c.json(contactView(await db.contact.create({ data: { ...body, customerId: customer.id } })), 201);
  });
  app.get('/customers/:id/contacts', async (c) => {
    const customer = await findCustomer(tenantOf(c), c.req.param('id'));
    return c.json({ items: (await db.contact.findMany({ where: { customerId: customer.id }, orderBy: { createdAt: 'asc' } })).map(contactView) });
  });
  const findContact = async (tenantId: string, id: string) => {
    const contact = await db.contact.findFirst({ where: { id, customer: { tenantId } } });
    if (!contact) throw new HttpError(404, 'not_found', `no contact ${id}`);
    return contact;
  };
  app.get('/contacts/:id', async (c) => c.json(contactView(await findContact(tenantOf(c), c.req.param('id')))));
  app.patch('/contacts/:id', async (c) => {
    const body = await readBody(c, contactUpdate);
    const contact = await findContact(tenantOf(c), c.req.param('id'));
    return c.json(contactView(await db.contact.update({ where: { id: contact.id }, data: body })));
  });
  app.delete('/contacts/:id', async (c) => {
    const contact = await findContact(tenantOf(c), c.req.param('id'));
    await db.contact.delete({ where: { id: contact.id } });
    await db.auditEvent.create({ data: { tenantId: tenantOf(c), entity: 'contact', entityId: contact.id, action: 'deleted', actor: actorOf(c), data: { customerId: contact.customerId, role: contact.role } } });
    return c.body(null, 204);
  });
  return app;
}
