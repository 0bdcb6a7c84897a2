import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, MailSendError, messageIdFor, type Mailer } from '../../src/platform/mail.js';
import { addresses, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

describe('mail via SMTP_URL', () => {
  let sink: SmtpSink;
  let mailer: Mailer;
  let dir: string;
  const logs: string[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    dir = await mkdtemp(path.join(tmpdir(), 'recflow-mail-'));
    mailer = createMailer({ dataDir: dir, smtpUrl: sink.url, mailFrom: 'Rechnungen <billing@firma.example>' }, (m) => logs.push(m));
  });
  afterAll(async () => {
    mailer?.close();
    await sink?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('delivers the message with its Message-ID, attachments and UTF-8 text', async () => {
    const messageId = messageIdFor('rule:won/opp:42/email:confirmation', 'firma.example');
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff]);
    const onDisk = path.join(dir, 'Vertrag.txt');
    await writeFile(onDisk, 'Vertragstext: Größe');

    const sent = await mailer.send({
      messageId,
      to: ['kunde@kunde.example'],
      cc: ['buchhaltung@kunde.example'],
      subject: 'Rechnung für Müller — Factură plătită, Zażółć',
      text: 'Guten Tag,\nanbei Ihre Rechnung.\năâîșț ąćęłńóśźż äöüß',
      html: '<p>Guten Tag</p>',
      headers: { 'X-Recflow-Key': 'rule:won/opp:42' },
      attachments: [
        { filename: 'Rechnung 42.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'Vertrag.txt', path: onDisk },
      ],
    });

    expect(sent.messageId).toBe(messageId);
    expect(sent.location).toMatch(/^250 /);
    const mail = await sink.waitFor((m) => m.messageId === messageId);
    expect(mail.subject).toBe('Rechnung für Müller — Factură plătită, Zażółć');
    expect(mail.text).toContain('ăâîșț ąćęłńóśźż äöüß');
    expect(addresses(mail.to)).toBe('kunde@kunde.example');
    expect(addresses(mail.cc)).toBe('buchhaltung@kunde.example');
    expect(addresses(mail.from)).toBe('billing@firma.example');
    expect(mail.headers.get('x-recflow-key')).toBe('rule:won/opp:42');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['Rechnung 42.pdf', 'application/pdf'],
      ['Vertrag.txt', 'text/plain'],
    ]);
    expect(new Uint8Array(mail.attachments[0]!.content)).toEqual(pdf);
    expect(mail.attachments[1]!.content.toString('utf8')).toBe('Vertragstext: Größe');
    expect(sink.count((m) => m.messageId === messageId)).toBe(1);
    expect(logs.some((l) => l.includes(messageId) && l.includes(sink.url))).toBe(true);
  });

  it('sends a resend with the same Message-ID, so the receiver can recognise the duplicate', async () => {
    const messageId = messageIdFor('rule:won/opp:43/email:confirmation', 'firma.example');
    const msg = { messageId, to: ['kunde@kunde.example'], subject: 'Zweimal', text: 'x' };
    await mailer.send(msg);
    await mailer.send(msg);
    expect(sink.count((m) => m.messageId === messageId)).toBe(2);
  });

  it('fails with a retryable error naming the server (without the password) when nobody listens', async () => {
    const gone = await startSmtpSink();
    await gone.stop();
    const dead = createMailer({ dataDir: dir, smtpUrl: `smtp://user:secret@127.0.0.1:${gone.port}`, mailFrom: 'a@b.example' }, () => {});
    const error = await dead.send({ messageId: messageIdFor('k', 'b.example'), to: ['x@y.example'], subject: 's', text: 't' }).catch((e: unknown) => e);
    dead.close();
    expect(error).toBeInstanceOf(MailSendError);
    expect((error as MailSendError).permanent).toBe(false);
    expect((error as Error).message).toContain(`smtp://127.0.0.1:${gone.port}`);
    expect((error as Error).message).not.toContain('secret');
  });

  it('marks a 5xx refusal as permanent', async () => {
    const strict = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const err = Object.assign(new Error(`mailbox ${address.address} does not exist`), { responseCode: 550 });
        callback(err);
      },
    });
    await new Promise<void>((resolve) => strict.listen(0, '127.0.0.1', resolve));
    const { port } = strict.server.address() as { port: number };
    const refused = createMailer({ dataDir: dir, smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'a@b.example' }, () => {});
    try {
      const error = await refused.send({ messageId: messageIdFor('k2', 'b.example'), to: ['nobody@y.example'], subject: 's', text: 't' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailSendError);
      expect((error as MailSendError).permanent).toBe(true);
      expect((error as MailSendError).responseCode).toBe(550);
      expect((error as Error).message).toContain('does not exist');
    } finally {
      refused.close();
      await new Promise<void>((resolve) => strict.close(() => resolve()));
    }
  });
});
