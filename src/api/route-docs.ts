// Documentation of the routes whose modules predate openapi.ts (opportunities, runs),
// plus the list of every documented route. test/api/openapi.test.ts fails for a Hono
// route missing here.
import { z } from 'zod';
import { customerDocs } from './customers.js';
import { dunningDocs } from './dunning.js';
import { invoiceDocs } from './invoices.js';
import type { RouteDoc } from './openapi.js';
import { opportunityCreateBody, opportunityStatusBody, opportunityUpdateBody } from './opportunities.js';
import { branchDocs } from './branches.js';
import { productDocs } from './products.js';
import { paymentDocs } from './payments.js';
import { receivablesDocs } from './receivables.js';
import { recurringDocs } from './recurring.js';
import { reportDocs } from './reports.js';
import { decisionBody, manualBody } from './runs.js';
import { settingsDocs } from './settings.js';
import { messageDocs } from './messages.js';

const opportunity = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    customerId: z.string(),
    externalId: z.string(),
    title: z.string(),
    pipeline: z.string(),
    status: z.string(),
    amountMinor: z.number().int(),
    currency: z.string(),
    customFields: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Opportunity' });
const run = z.object({ workflowId: z.string(), url: z.string() }).loose();

const opportunityDocs = [
  { method: 'post', path: '/v1/opportunities', tag: 'opportunities', summary: 'Create an opportunity (existing externalId: returns it)', body: opportunityCreateBody, responses: { 201: { description: 'Created', schema: opportunity }, 200: { description: 'Already there', schema: opportunity } } },
  { method: 'get', path: '/v1/opportunities/:id', tag: 'opportunities', summary: 'Read an opportunity', responses: { 200: { description: 'The opportunity', schema: opportunity } } },
  { method: 'patch', path: '/v1/opportunities/:id', tag: 'opportunities', summary: 'Change title, amount, currency, pipeline or custom fields (not the status: POST …/status fires the rules)', body: opportunityUpdateBody, responses: { 200: { description: 'Changed', schema: opportunity } } },
  {
    method: 'post',
    path: '/v1/opportunities/:id/status',
    tag: 'opportunities',
    summary: 'Change the status: fires the rules',
    body: opportunityStatusBody,
    responses: { 200: { description: 'The opportunity and the runs started', schema: z.object({ opportunity, changed: z.boolean(), eventId: z.string().nullable(), runs: z.array(run) }) } },
  },
] as const satisfies readonly RouteDoc[];

const runDocs = [
  { method: 'get', path: '/v1/runs/:workflowId', tag: 'runs', summary: "A run's status and progress (URL-encode the workflow id)", responses: { 200: { description: 'The run', schema: run } } },
  { method: 'post', path: '/v1/runs/:workflowId/approval', tag: 'runs', summary: "Approve or reject a run's pending approval", body: decisionBody, responses: { 200: { description: 'Accepted', schema: run } } },
  { method: 'post', path: '/v1/rules/:ruleId/runs', tag: 'runs', summary: 'Start a manual rule for an opportunity', body: manualBody, responses: { 201: { description: 'Started', schema: run }, 200: { description: 'Already running', schema: run } } },
] as const satisfies readonly RouteDoc[];

const publicDocs = [
  { method: 'get', path: '/health', tag: 'meta', auth: false, summary: 'Liveness', responses: { 200: { description: 'Up', schema: z.object({ ok: z.boolean() }) } } },
  { method: 'get', path: '/openapi.json', tag: 'meta', auth: false, summary: 'This description', responses: { 200: { description: 'OpenAPI 3.1', schema: z.object({ openapi: z.string() }).loose() } } },
] as const satisfies readonly RouteDoc[];

export const routeDocs: readonly RouteDoc[] = [...publicDocs, ...settingsDocs, ...messageDocs, ...opportunityDocs, ...customerDocs, ...productDocs, ...branchDocs, ...invoiceDocs, ...receivablesDocs, ...dunningDocs, ...reportDocs, ...paymentDocs, ...runDocs, ...recurringDocs];
