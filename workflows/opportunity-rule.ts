import { defineQuery, proxyActivities, setHandler, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { RuleRunInput, RuleRunProgress, RuleRunResult } from './types.js';

export const progressQuery = defineQuery<RuleRunProgress>('progress');

const { recordStatusChange, renderDocument, sendEmail } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // Activities heartbeat; a dead worker's activity is retried elsewhere within seconds.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * The first thread: an opportunity status change is recorded, a PDF rendered and mailed.
 * Only orchestration here; every side effect is an idempotent activity keyed by the
 * rule and the event, so a retried or replayed step never repeats its effect.
 */
export async function opportunityRule(input: RuleRunInput): Promise<RuleRunResult> {
  const { rule, event } = input;
  const progress: RuleRunProgress = { step: 'record', done: [] };
  setHandler(progressQuery, () => progress);
  const step = (name: string, details: string) => {
    if (progress.step !== name) progress.done.push(progress.step);
    progress.step = name;
    setCurrentDetails(`**${rule.id}** · opportunity ${event.opportunityId} · ${details}`);
  };
  const key = `rule:${rule.id}:event:${event.id}`;

  step('record', `recording ${event.from ?? '(new)'} → ${event.to}`);
  const facts = await recordStatusChange.executeWithOptions(
    { summary: `record status ${event.to}` },
    [{ event, workflowId: workflowInfo().workflowId, ruleId: rule.id, ruleHash: rule.hash }],
  );

  step('document', 'rendering the PDF');
  const document = await renderDocument.executeWithOptions({ summary: `render "${rule.document.title}"` }, [
    { key: `${key}:document`, title: rule.document.title, facts },
  ]);

  step('email', `mailing ${facts.customer.email}`);
  const mail = await sendEmail.executeWithOptions({ summary: `email ${facts.customer.email}` }, [
    {
      key: `${key}:email`,
      to: [facts.customer.email],
      subject: rule.email.subject,
      body: rule.email.body,
      facts,
      attachmentKeys: [document.key],
    },
  ]);

  step('done', `mailed ${facts.customer.email}`);
  return { documentKey: document.key, emailKey: mail.key, messageId: mail.messageId };
}
