import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, domainOf, emlFileName, messageIdFor } from '../../src/platform/mail.js';

describe('mail without SMTP_URL (embedded default: .eml files)', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'recflow-eml-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes one .eml per message into <dataDir>/mail, and a resend replaces it instead of adding one', async () => {
    const logs: string[] = [];
    const mailer = createMailer({ dataDir, smtpUrl: undefined, mailFrom: 'recflow <billing@recflow.local>' }, (m) => logs.push(m));
    const first = messageIdFor('rule:won/opp:1/email', 'recflow.local');
    const second = messageIdFor('rule:won/opp:2/email', 'recflow.local');
    const pdf = new TextEncoder().encode('%PDF-1.7 fake');

    const sent = await mailer.send({
      messageId: first,
      to: ['client@example.ro'],
      subject: 'Factură plătită — mulțumim',
      text: 'Bună ziua, ăâîșț',
      attachments: [{ filename: 'factura.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    await mailer.send({ messageId: second, to: ['klient@example.pl'], subject: 'Faktura', text: 'Zażółć' });
    await mailer.send({ messageId: first, to: ['client@example.ro'], subject: 'Factură plătită — mulțumim', text: 'Bună ziua, ăâîșț' });
    mailer.close();

    const mailDir = path.join(dataDir, 'mail');
    const files = (await readdir(mailDir)).sort();
    expect(files).toEqual([emlFileName(first), emlFileName(second)].sort());
    expect(sent.location).toBe(path.join(mailDir, emlFileName(first)));
    expect(logs.filter((l) => l.includes(sent.location))).toHaveLength(2);
    expect(logs.at(-1)).toContain('rewritten');

    const parsed = await simpleParser(await readFile(path.join(mailDir, emlFileName(second))));
    expect(parsed.messageId).toBe(second);
    expect(parsed.subject).toBe('Faktura');
    expect(parsed.text?.trim()).toBe('Zażółć');
    expect(parsed.from?.value[0]?.address).toBe('billing@recflow.local');
  });

  it('keeps attachments and headers in the file', async () => {
    const mailer = createMailer({ dataDir, smtpUrl: undefined, mailFrom: 'billing@recflow.local' }, () => {});
    const id = messageIdFor('with-attachment', 'recflow.local');
    const content = new Uint8Array([0, 1, 2, 250, 251, 252]);
    const { location } = await mailer.send({
      messageId: id,
      to: ['a@example.com'],
      subject: 'Anhang',
      text: 'siehe Anhang',
      headers: { 'X-Recflow-Key': 'with-attachment' },
      attachments: [{ filename: 'Größe.bin', content, contentType: 'application/octet-stream' }],
    });
    const parsed = await simpleParser(await readFile(location));
    expect(parsed.headers.get('x-recflow-key')).toBe('with-attachment');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.filename).toBe('Größe.bin');
    expect(new Uint8Array(parsed.attachments[0]!.content)).toEqual(content);
  });

  it('rejects a message without recipients or with an invalid Message-ID, saying how to fix it', async () => {
    const mailer = createMailer({ dataDir, smtpUrl: undefined, mailFrom: 'billing@recflow.local' }, () => {});
    await expect(mailer.send({ messageId: messageIdFor('k', 'x.example'), to: [], subject: 's', text: 't' })).rejects.toThrow(/no recipients/);
    await expect(mailer.send({ messageId: 'not an id', to: ['a@b.example'], subject: 's', text: 't' })).rejects.toThrow(/messageIdFor/);
  });
});

describe('messageIdFor', () => {
  it('is stable for a business key and different for different keys', () => {
    const id = messageIdFor('rule:won/opp:42/email:confirmation', 'Billing.Example.com');
    expect(id).toBe(messageIdFor('rule:won/opp:42/email:confirmation', 'billing.example.com'));
    expect(id).toMatch(/^<rf\.[0-9a-f]{40}@billing\.example\.com>$/);
    expect(messageIdFor('rule:won/opp:43/email:confirmation', 'billing.example.com')).not.toBe(id);
  });

  it('refuses an empty key or something that is not a domain', () => {
    expect(() => messageIdFor('', 'example.com')).toThrow(/empty/);
    expect(() => messageIdFor('k', 'billing <a@example.com>')).toThrow(/not a domain name/);
  });

  it('domainOf takes the domain from a From address', () => {
    expect(domainOf('recflow <billing@Recflow.Local>')).toBe('recflow.local');
    expect(domainOf('billing@firma.example')).toBe('firma.example');
    expect(() => domainOf('billing')).toThrow(/no domain/);
  });

  it('emlFileName is readable for our IDs and safe for any other', () => {
    const id = messageIdFor('k', 'recflow.local');
    expect(emlFileName(id)).toBe(`${id.slice(1, -1)}.eml`);
    const odd = emlFileName('<../../etc/passwd@x>');
    expect(odd).not.toContain('/');
    expect(odd.startsWith('.')).toBe(false);
    expect(odd).not.toBe(emlFileName('<.._.._etc_passwd@x>'));
  });
});
