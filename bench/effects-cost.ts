// What the bench rules' effects cost without Temporal: the same activity functions, called
// one after another in this process, on recflow's database and SMTP sink. Set beside the
// CPU per rule run it tells the effects' own work from the engine's and Temporal's.
import { loadFacts } from '../activities/facts.js';
import { updateCustomer } from '../activities/customer.js';
import { sendEmail } from '../activities/email.js';
import { updateOpportunity } from '../activities/opportunity.js';
import { renderTemplateDocument } from '../activities/rule-document.js';
import type { ActivityDeps } from '../activities/deps.js';
import type { OpportunityStatusChanged } from '../src/events/catalog.js';
import type { RuleRunInput } from '../workflows/types.js';
import { printFigure } from './report.js';

/** CPU ms per run of each bench rule's effects, in this process (the sink's parsing not counted). */
export async function effectsCost(deps: ActivityDeps, sample: RuleRunInput, opportunities: string[], round: number): Promise<void> {
  const { doc, mail } = benchTemplates(sample);
  const base = sample.event as OpportunityStatusChanged;
  const eventFor = (id: string, tag: string) => ({ ...base, id: `effects-${tag}-${round}-${id}`, opportunityId: id });

  const heavy = await cpuPerRun(opportunities, async (id) => {
    const event = eventFor(id, 'heavy');
    const key = `bench-effects:${event.id}`;
    const facts = await loadFacts(deps)({ event, now: Date.now(), record: { workflowId: key, ruleId: 'bench', ruleHash: 'bench' } });
    const pdf = await renderTemplateDocument(deps)({ key: `${key}:1`, name: 'order-confirmation', variant: doc.variants.en!, facts });
    await sendEmail(deps)({ key: `${key}:2`, to: facts.recipients.accounting, subject: mail.variants.en!.subject, body: mail.variants.en!.body, facts, attachmentKeys: [pdf.key], tenantId: event.tenantId });
    await updateOpportunity(deps)({ key: `${key}:3`, opportunityId: id, fields: { confirmed: true } });
  });
  printFigure('  three-action rule effects without Temporal (facts, PDF, mail, field), CPU per run', heavy, 'ms');

  const light = await cpuPerRun(opportunities, async (id) => {
    const event = eventFor(id, 'light');
    const key = `bench-effects:${event.id}`;
    const facts = await loadFacts(deps)({ event, now: Date.now(), record: { workflowId: key, ruleId: 'bench', ruleHash: 'bench' } });
    const reload = { event, now: Date.now() };
    await updateOpportunity(deps)({ key: `${key}:0`, opportunityId: id, fields: { 'proposal-sent': true }, reload });
    const after = await updateCustomer(deps)({ key: `${key}:1`, tenantId: event.tenantId, customerId: facts.customer.id, fields: { segment: 'prospect' }, now: Date.now(), reload });
    await sendEmail(deps)({ key: `${key}:2`, to: after.facts!.recipients.owner, subject: 'Proposal stage: {{opportunity.title}}', body: '{{customer.name}} is at the proposal stage.', facts: after.facts!, attachmentKeys: [] });
  });
  printFigure('  light rule effects without Temporal (facts, field + facts, customer field + facts, owner notice), CPU per run', light, 'ms');
}

/** The bench rule's document and mail templates, from the snapshot a run carried. */
export function benchTemplates(sample: RuleRunInput) {
  const doc = sample.rule.templates['order-confirmation'];
  const mail = sample.rule.templates['order-confirmation-mail'];
  if (doc?.kind !== 'document' || mail?.kind !== 'email') throw new Error('the bench rule snapshot lacks its templates');
  return { doc, mail };
}

async function cpuPerRun(ids: string[], run: (id: string) => Promise<void>): Promise<number> {
  await run(ids[0]!); // warm: first PDF, first SMTP connection
  const cpu0 = process.cpuUsage();
  for (const id of ids.slice(1)) await run(id);
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / 1000 / (ids.length - 1);
}
