import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config.js';
import { createMailer, messageIdFor } from '../../src/platform/mail.js';
import { readSinkFolder, startSmtpSink, waitForSinkFolder } from '../support/smtp-sink.js';

describe('smtp-sink', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('also keeps messages as .eml files when given a folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'recflow-sink-'));
    dirs.push(dir);
    const sink = await startSmtpSink({ dir });
    const mailer = createMailer({ dataDir: dir, smtpUrl: sink.url, mailFrom: 'a@b.example' }, () => {});
    try {
      for (const key of ['one', 'two']) {
        await mailer.send({ messageId: messageIdFor(key, 'b.example'), to: ['x@y.example'], subject: key, text: key });
      }
      expect((await readSinkFolder(dir)).map((m) => m.subject)).toEqual(['one', 'two']);
      await expect(sink.waitFor((m) => m.subject === 'three', 200)).rejects.toThrow(/no matching message within 200 ms; received 2/);
    } finally {
      mailer.close();
      await sink.stop();
    }
  });

  it('with headersOnly reads the headers of a mail, not its attachments, and still stores it whole', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'recflow-sink-'));
    dirs.push(dir);
    const sink = await startSmtpSink({ dir, headersOnly: true });
    const mailer = createMailer({ dataDir: dir, smtpUrl: sink.url, mailFrom: 'a@b.example' }, () => {});
    try {
      const messageId = messageIdFor('headers', 'b.example');
      const pdf = Buffer.from('%PDF-1.7 not really');
      await mailer.send({ messageId, to: ['x@y.example'], subject: 'Rechnung ü', text: 'body', attachments: [{ filename: 'a.pdf', content: pdf, contentType: 'application/pdf' }] });
      const [seen] = sink.messages;
      expect([seen!.messageId, seen!.subject, seen!.to && 'text' in seen!.to ? seen!.to.text : '', seen!.attachments.length]).toEqual([messageId, 'Rechnung ü', 'x@y.example', 0]);
      const [stored] = await readSinkFolder(dir);
      expect([stored!.text?.trim(), stored!.attachments[0]?.content.equals(pdf)]).toEqual(['body', true]);
    } finally {
      mailer.close();
      await sink.stop();
    }
  });

  it('runs standalone in another process, which a test reads through the folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'recflow-sink-'));
    dirs.push(dir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/smtp-sink.ts', '--port', '0', '--dir', dir], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const match = /listening on (smtp:\/\/\S+),/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`smtp-sink exited with ${code} before listening: ${out}`)));
      });
      const mailer = createMailer({ dataDir: dir, smtpUrl: url, mailFrom: 'a@b.example' }, () => {});
      const messageId = messageIdFor('standalone', 'b.example');
      await mailer.send({ messageId, to: ['x@y.example'], subject: 'über', text: 'ăâîșț' });
      mailer.close();
      const mail = await waitForSinkFolder(dir, (m) => m.messageId === messageId, 10_000);
      expect(mail.subject).toBe('über');
      expect(mail.text?.trim()).toBe('ăâîșț');
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  });
});
