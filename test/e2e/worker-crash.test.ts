import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/platform/processes.js';
import { DEMO, readDemoToken } from '../../src/seed.js';
import type { RuleRunResult } from '../../workflows/types.js';
import { spawnRecflow, type RecflowProcess } from '../support/recflow-process.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startTestDevServer, type TestDevServer } from '../support/temporal.js';

// SIGKILL the process running the worker while its send-mail step (in a local activity)
// waits for the SMTP server's answer; start it again: the run completes and the server holds
// one mail.
describe('worker killed in the middle of an activity', () => {
  let temporal: TestDevServer;
  let sink: SmtpSink;
  let dataDir: string;
  let recflow: RecflowProcess | undefined;
  let holdFirst = true;
  let inSend: () => void;
  const sending = new Promise<void>((resolve) => (inSend = resolve));

  beforeAll(async () => {
    temporal = await startTestDevServer();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'recflow-crash-'));
    sink = await startSmtpSink({
      beforeAccept: async () => {
        if (!holdFirst) return;
        holdFirst = false;
        inSend();
        await new Promise(() => {}); // never answers: the worker dies waiting
      },
    });
  });

  afterAll(async () => {
    recflow?.child.kill('SIGKILL');
    await sink?.stop();
    await temporal?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('completes after a restart and mails exactly once', async () => {
    const env = {
      RECFLOW_DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: temporal.address,
      PORT: String(await freePort()),
      SMTP_URL: sink.url,
    };
    recflow = spawnRecflow(env);
    const { apiUrl } = await recflow.ready;
    const res = await fetch(`${apiUrl}/v1/opportunities/${DEMO.opportunityId}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${readDemoToken(dataDir)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'won', eventId: 'crash-1' }),
    });
    const { runs } = (await res.json()) as { runs: { workflowId: string }[] };

    await sending;
    recflow.child.kill('SIGKILL');
    await recflow.exited;
    recflow = spawnRecflow(env);
    await recflow.ready;

    const connection = await Connection.connect({ address: temporal.address });
    try {
      const handle = new Client({ connection }).workflow.getHandle(runs[0]!.workflowId);
      const result = (await handle.result()) as RuleRunResult;
      expect(sink.count((m) => m.messageId === result.emails[0]!.messageId)).toBe(1);
      expect(sink.count()).toBe(1);
      const history = await handle.fetchHistory();
      // The mail is a local activity: the dead worker's workflow task timed out and the new
      // worker replayed the run and sent again, under the same outbox key.
      expect(history.events!.some((e) => e.workflowTaskTimedOutEventAttributes)).toBe(true);
      // Facts, document and mail are one step batch: one local activity, retried whole; the
      // document and the mail found what the first attempt did by their keys.
      const markers = history.events!.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
      expect(markers.map((e) => Buffer.from(e.userMetadata!.summary!.data!).toString())).toEqual([JSON.stringify('load facts · render order-confirmation · email order-confirmation-mail to accounting')]);
    } finally {
      await connection.close();
    }
  });
});
