// A dunning run (seed 003 "Verarbeiten") as a workflow an operator can watch: plan
// (preview) → letters per customer in batches → the run row finished with its summary.
// Workflow id dunning/<runId>; search attribute DunningLevel; the progress query and
// current details show how far it got. Drafts are released by dunningMail.
import { defineQuery, proxyActivities, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { LetterResult } from '../src/dunning/process.js';

const { planDunningRun, finishDunningRun, releaseDunningLetters } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
const { processDunningCustomers } = proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Customers per activity: small enough to retry cheaply, large enough to keep histories short. */
export const DUNNING_BATCH = 10;

export interface DunningProgress {
  runId: string;
  phase: 'planning' | 'processing' | 'done' | 'failed';
  runDate?: string;
  warning?: string;
  customersTotal: number;
  customersDone: number;
  letters: number;
  sent: number;
  drafts: number;
  error?: string;
}

export const dunningProgressQuery = defineQuery<DunningProgress>('dunningProgress');

export async function dunningRun(input: { runId: string }): Promise<DunningProgress & { letterList: LetterResult[] }> {
  const p: DunningProgress = { runId: input.runId, phase: 'planning', customersTotal: 0, customersDone: 0, letters: 0, sent: 0, drafts: 0 };
  setHandler(dunningProgressQuery, () => p);
  const details = () =>
    setCurrentDetails(
      `**Dunning run ${p.runId}** ${p.runDate ?? ''} · ${p.phase}\n\n` +
        `customers ${p.customersDone}/${p.customersTotal} · letters ${p.letters} (sent ${p.sent}, drafts ${p.drafts})` +
        (p.warning ? `\n\n⚠ ${p.warning}` : '') +
        (p.error ? `\n\n✖ ${p.error}` : ''),
    );
  details();
  const letters: LetterResult[] = [];
  try {
    const plan = await planDunningRun({ runId: input.runId });
    Object.assign(p, { phase: 'processing', runDate: plan.runDate, customersTotal: plan.customerIds.length, ...(plan.warning && { warning: plan.warning }) });
    details();
    for (let i = 0; i < plan.customerIds.length; i += DUNNING_BATCH) {
      const batch = plan.customerIds.slice(i, i + DUNNING_BATCH);
      const results = await processDunningCustomers({ plan, customerIds: batch });
      letters.push(...results);
      p.customersDone += batch.length;
      p.letters = letters.filter((l) => l.status !== 'no-recipient').length;
      p.sent = letters.filter((l) => l.status === 'sent').length;
      p.drafts = letters.filter((l) => l.status === 'draft').length;
      details();
    }
    p.phase = 'done';
    details();
    await finishDunningRun({ runId: input.runId, status: 'done', summary: summaryOf(plan, letters) });
    return { ...p, letterList: letters };
  } catch (err) {
    p.phase = 'failed';
    p.error = (err as Error).message;
    details();
    await finishDunningRun({ runId: input.runId, status: 'failed', summary: { error: p.error, letterList: letters } });
    throw err;
  }
}

function summaryOf(plan: { rows: number; held: number; problems: number; customerIds: string[]; warning?: string }, letters: LetterResult[]) {
  return {
    customers: plan.customerIds.length,
    rows: plan.rows,
    held: plan.held,
    problems: plan.problems,
    letters: letters.filter((l) => l.status !== 'no-recipient').length,
    sent: letters.filter((l) => l.status === 'sent').length,
    drafts: letters.filter((l) => l.status === 'draft').length,
    noRecipient: letters.filter((l) => l.status === 'no-recipient').length,
    partsRecorded: letters.reduce((n, l) => n + l.recorded, 0),
    ...(plan.warning && { warning: plan.warning }),
    letterList: letters,
  };
}

/** Approves or discards draft letters of a run (the API starts it; the mail goes out from a worker). */
export async function dunningMail(input: { tenantId: string; runId?: string; keys: string[]; action: 'approve' | 'discard' }) {
  return releaseDunningLetters(input);
}
