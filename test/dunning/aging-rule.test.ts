// rules/aging-report-monthly.yaml on the time-skipping server: a schedule event for the
// demo tenant → the aging report rendered as a PDF and mailed to the owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleFired } from '../../src/events/catalog.js';
import * as inv from '../../src/invoicing/index.js';
import { DEMO } from '../../src/seed.js';
import type { runRule } from '../../workflows/run-rule.js';
import { pdfToText } from '../support/pdf-text.js';
import { OWNER, startTestBed, type TestBed } from '../workflows/bed.js';

let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed();
}, 120_000);
afterAll(async () => bed?.stop());

describe('the monthly aging report rule', () => {
  it('mails the owner the aging report as of the schedule date, with the PDF attached', async () => {
    const ctx = { db: bed.db, actor: 'test', now: () => new Date('2026-03-01T09:00:00Z') };
    const draft = await inv.createDraft(ctx, { tenantId: DEMO.tenantId, customerId: DEMO.customerId, kind: 'final', lines: [{ description: 'Curs', quantity: '1', unitPriceMinor: 120_000, taxRateBp: 0 }], dueDate: '2026-03-15' });
    const issued = await inv.issueInvoice(ctx, { tenantId: DEMO.tenantId, invoiceId: draft.id });
    const rule = await bed.shipped('aging-report-monthly');
    const event: ScheduleFired = { type: 'schedule', id: `schedule:aging-report-monthly:2026-05-01T04:00:00.000Z:${DEMO.tenantId}`, tenantId: DEMO.tenantId, ruleId: rule.id, scheduledAt: '2026-05-01T04:00:00.000Z', occurredAt: '2026-05-01T04:00:00.000Z' };
    const handle = await bed.testEnv.env.client.workflow.start<typeof runRule>('runRule', { taskQueue: bed.taskQueue, workflowId: `test/${rule.id}/1`, args: [{ rule, event }] });
    expect((await handle.result()).status).toBe('completed');
    const mail = await bed.sink.waitFor((m) => JSON.stringify(m.to).includes(OWNER) && /Aging report 2026-05-01/.test(m.subject ?? ''));
    expect(mail.attachments).toHaveLength(1);
    const text = await pdfToText(new Uint8Array(mail.attachments[0]!.content), { layout: true });
    expect(text).toContain('Aging report 2026-05-01');
    // Due 15 March, 47 days before 1 May: the 31–60 bucket.
    expect(text).toMatch(/Ana Popescu\s+RON\s+0\.00\s+0\.00\s+1200\.00\s+0\.00\s+0\.00\s+1200\.00/);
    expect(text).toMatch(/Total\s+RON\s+0\.00\s+0\.00\s+1200\.00\s+0\.00\s+0\.00\s+1200\.00/);
    expect(issued.currency).toBe('RON');
  });
});
