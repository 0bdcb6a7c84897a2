import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/platform/processes.js';
import { DEMO, readDemoToken } from '../../src/seed.js';
import { launchChromium } from '../support/browser.js';
import { spawnRecflow, type RecflowProcess } from '../support/recflow-process.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

// What an operator sees: the deep link the API returns opens the run in the Temporal Web
// UI with its rule and subject, and the run list filters by a search attribute.
describe('runs in the Temporal Web UI', () => {
  let dataDir: string;
  let sink: SmtpSink;
  let recflow: RecflowProcess;
  let browser: Browser;
  let run: { workflowId: string; url: string };
  let uiPort: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-ui-'));
    sink = await startSmtpSink();
    uiPort = await freePort();
    recflow = spawnRecflow({
      RECFLOW_DATA_DIR: dataDir,
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(uiPort),
      PORT: String(await freePort()),
      SMTP_URL: sink.url,
    });
    const { apiUrl } = await recflow.ready;
    const res = await fetch(`${apiUrl}/v1/opportunities/${DEMO.opportunityId}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${readDemoToken(dataDir)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'won', eventId: 'ui-1' }),
    });
    run = ((await res.json()) as { runs: { workflowId: string; url: string }[] }).runs[0]!;
    await sink.waitFor(() => true, 30_000);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    recflow?.child.kill('SIGINT');
    await recflow?.exited;
    await sink?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('the deep link shows the run with its rule and subject', async () => {
    const page = await browser.newPage();
    await page.goto(run.url);
    await page.getByText('opportunity-won-confirmation', { exact: false }).first().waitFor({ timeout: 30_000 });
    const text = await page.locator('body').innerText();
    expect(text).toContain(run.workflowId);
    expect(text).toContain(DEMO.opportunityId);
    await page.screenshot({ path: path.join(dataDir, 'run.png') });
  });

  it('filters the run list by a search attribute', async () => {
    const page = await browser.newPage();
    const query = encodeURIComponent(`RuleId="opportunity-won-confirmation"`);
    await page.goto(`http://127.0.0.1:${uiPort}/namespaces/default/workflows?query=${query}`);
    await page.getByText(run.workflowId).first().waitFor({ timeout: 30_000 });
    const none = await browser.newPage();
    await none.goto(`http://127.0.0.1:${uiPort}/namespaces/default/workflows?query=${encodeURIComponent('RuleId="no-such-rule"')}`);
    await none.getByText('There are no results for the applied filters').waitFor({ timeout: 30_000 });
    expect(await none.getByText(run.workflowId).count()).toBe(0);
  });
});
