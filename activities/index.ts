import { Context } from '@temporalio/activity';
import { clockTick } from './clock.js';
import { updateCustomer } from './customer.js';
import type { ActivityDeps } from './deps.js';
import { finishDunningRun, planDunningRun, processDunningCustomers, releaseDunningLetters, renderAgingReport } from './dunning.js';
import { sendEmail } from './email.js';
import { loadFacts } from './facts.js';
import { createRuleInvoice, runInvoiceAction } from './invoice.js';
import { withHeartbeat } from './heartbeat.js';
import { updateOpportunity } from './opportunity.js';
import { releaseMessage } from './outbox.js';
import { issueRecurringPeriod, mailRecurringInvoice, renderRecurringInvoice, startRuleRecurring, stopRuleRecurring } from './recurring.js';
import { renderTemplateDocument } from './rule-document.js';
import { recordScheduleEvents } from './schedule-event.js';
import { runStepBatch } from './steps.js';
import { callWebhook } from './webhook.js';

export type { ActivityDeps } from './deps.js';

/** Every activity, bound to its dependencies. Workflows import only the type. */
export function createActivities(deps: ActivityDeps) {
  // The activities of short steps, also called one after another by a step batch.
  const short = {
    loadFacts: heartbeating(loadFacts(deps)),
    createRuleInvoice: heartbeating(createRuleInvoice(deps)),
    renderTemplateDocument: heartbeating(renderTemplateDocument(deps)),
    sendEmail: heartbeating(sendEmail(deps)),
    updateOpportunity: heartbeating(updateOpportunity(deps)),
    updateCustomer: heartbeating(updateCustomer(deps)),
    runInvoiceAction: heartbeating(runInvoiceAction(deps)),
  };
  return {
    ...short,
    runStepBatch: runStepBatch(short),
    releaseMessage: heartbeating(releaseMessage(deps)),
    clockTick: heartbeating(clockTick(deps)),
    callWebhook: heartbeating(callWebhook(deps)),
    issueRecurringPeriod: heartbeating(issueRecurringPeriod(deps)),
    renderRecurringInvoice: heartbeating(renderRecurringInvoice(deps)),
    mailRecurringInvoice: heartbeating(mailRecurringInvoice(deps)),
    startRuleRecurring: heartbeating(startRuleRecurring(deps)),
    stopRuleRecurring: heartbeating(stopRuleRecurring(deps)),
    recordScheduleEvents: heartbeating(recordScheduleEvents(deps)),
    planDunningRun: heartbeating(planDunningRun(deps)),
    // Heartbeats itself, with how far it got as details.
    processDunningCustomers: processDunningCustomers(deps),
    finishDunningRun: finishDunningRun(deps),
    releaseDunningLetters: heartbeating(releaseDunningLetters(deps)),
    renderAgingReport: heartbeating(renderAgingReport(deps)),
  };
}

/** Local activities (workflows/activities.ts) cannot heartbeat: core would warn on every beat. */
function heartbeating<A, R>(fn: (input: A) => Promise<R>): (input: A) => Promise<R> {
  return (input) => (Context.current().info.isLocal ? fn(input) : withHeartbeat(() => fn(input)));
}

export type Activities = ReturnType<typeof createActivities>;
