import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/seed.js';
import { pdfToText } from '../support/pdf-text.js';
import { startRecflowStack, type RecflowStack } from '../support/recflow-process.js';

// The MiniCRM flow (seed 004) through the HTTP API with the shipped rules: enrolment →
// proforma mailed; payment confirmed → final invoice (referencing the proforma) and the
// contract mailed together.
describe('MiniCRM flow: enrolment → proforma, paid → final invoice + contract', () => {
  let stack: RecflowStack;
  let sink: RecflowStack['sink'];
  let apiUrl: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    stack = await startRecflowStack('recflow-minicrm-');
    ({ sink, apiUrl } = stack);
    auth = { authorization: `Bearer ${stack.token}` };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const setStatus = (status: string, eventId: string) =>
    fetch(`${apiUrl}/v1/opportunities/${DEMO.opportunityId}/status`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ status, eventId }),
    });

  it('mails a proforma right after enrolment, then the final invoice and contract on payment', async () => {
    expect((await setStatus('enrolled', 'crm-enrol-1')).status).toBe(200);
    const proformaMail = await sink.waitFor((m) => /Proforma|proform/i.test(m.subject ?? ''), 60_000);
    const proformaNumber = /PF-\d{4}-\d{4}/.exec(proformaMail.subject ?? '')?.[0];
    expect(proformaNumber, proformaMail.subject).toBeDefined();
    expect(proformaMail.attachments).toHaveLength(1);
    expect(await pdfToText(proformaMail.attachments[0]!.content)).toContain(proformaNumber);

    expect((await setStatus('paid', 'crm-paid-1')).status).toBe(200);
    const contractMail = await sink.waitFor((m) => /contract|contractul/i.test(m.subject ?? ''), 60_000);
    expect(contractMail.attachments).toHaveLength(2);
    const texts = await Promise.all(contractMail.attachments.map((a) => pdfToText(a.content)));
    const finalText = texts.find((t) => /INV-\d{4}-\d{4}/.test(t));
    expect(finalText, 'a final invoice PDF').toBeDefined();
    expect(finalText).toContain(proformaNumber); // the final invoice references the proforma
    expect(texts.some((t) => t !== finalText && t.length > 100)).toBe(true); // the contract

    const invoices = (await (await fetch(`${apiUrl}/v1/invoices`, { headers: auth })).json()) as unknown;
    expect(JSON.stringify(invoices)).toContain(proformaNumber);
    // The reminder rule saw the payment and sent no reminder.
    expect(sink.count((m) => /remind|reminder|mementou|przypomn|erinner/i.test(m.subject ?? ''))).toBe(0);
  });
});
