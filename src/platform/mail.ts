import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import type { Config } from './config.js';

export interface OutgoingMail {
  /** Caller-provided, derived from a business key (see messageIdFor) so a resend is recognisable. */
  messageId: string;
  /** Defaults to config.mailFrom. */
  from?: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; path?: string; content?: Uint8Array; contentType?: string }[];
  headers?: Record<string, string>;
}

export interface SentMail {
  /** The Message-ID as written into the message, with angle brackets. */
  messageId: string;
  /** SMTP server response ("250 OK ...") or the path of the .eml file. */
  location: string;
}

export interface Mailer {
  send(msg: OutgoingMail): Promise<SentMail>;
  close(): void;
}

export type MailLog = (message: string) => void;

/** A failed send. `permanent` is true when the server refused the message for good (5xx). */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | undefined,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'MailSendError';
  }
}

/**
 * A stable RFC 5322 Message-ID for a business key: the same key always gives the same
 * ID, so receivers and our outbox can tell a resend from a new message. The key is
 * hashed because it may contain characters a msg-id cannot, and should not leak.
 */
export function messageIdFor(businessKey: string, domain: string): string {
  if (businessKey === '') throw new Error('messageIdFor: the business key is empty');
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(domain)) {
    throw new Error(`messageIdFor: "${domain}" is not a domain name (expected something like "billing.example.com")`);
  }
  return `<rf.${sha256(businessKey).slice(0, 40)}@${domain.toLowerCase()}>`;
}

/** The domain of an address such as "recflow <billing@example.com>", for messageIdFor. */
export function domainOf(address: string): string {
  const match = /@([^\s<>@]+?)>?\s*$/.exec(address);
  if (!match) throw new Error(`"${address}" has no domain part: expected name@domain or "Name <name@domain>"`);
  return match[1]!.toLowerCase();
}

/**
 * SMTP when config.smtpUrl is set; otherwise each message becomes one .eml file in
 * <dataDir>/mail, named after its Message-ID so that sending it again replaces the file
 * instead of adding a second one.
 */
export function createMailer(config: Pick<Config, 'dataDir' | 'smtpUrl' | 'mailFrom'>, log: MailLog): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom, log) : fileMailer(path.join(config.dataDir, 'mail'), config.mailFrom, log);
}

function smtpMailer(url: string, defaultFrom: string, log: MailLog): Mailer {
  const where = redact(url);
  // Bounded waits: a hung server should fail the activity (and let Temporal retry), not stall it.
  // Pooled: a few connections carry many messages, without a handshake for each one.
  const transport = createTransport({ url, pool: true, maxConnections: 4, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  return {
    async send(msg) {
      const options = toNodemailer(msg, defaultFrom);
      try {
        const info = await transport.sendMail(options);
        log(`mail ${options.messageId} sent via ${where}: ${info.response}`);
        return { messageId: options.messageId, location: info.response };
      } catch (err) {
        const e = err as { message?: string; code?: string; responseCode?: number };
        const code = e.responseCode;
        // 5xx on the message or recipients will not change on retry; a failed login (EAUTH) can, once fixed.
        const permanent = code !== undefined && code >= 500 && code < 600 && e.code !== 'EAUTH';
        throw new MailSendError(
          `Sending mail ${options.messageId} via ${where} failed: ${e.message ?? String(err)}` +
            (permanent ? ' (the server refused the message; retrying will not help)' : ' (check SMTP_URL and that the server is reachable)'),
          permanent,
          code,
          { cause: err },
        );
      }
    },
    close: () => transport.close(),
  };
}

function fileMailer(dir: string, defaultFrom: string, log: MailLog): Mailer {
  // The stream transport builds the complete RFC 5322 message without any network.
  const transport = createTransport({ streamTransport: true, buffer: true });
  return {
    async send(msg) {
      const options = toNodemailer(msg, defaultFrom);
      const info = await transport.sendMail(options);
      if (!Buffer.isBuffer(info.message)) throw new Error('nodemailer stream transport returned a stream; expected a buffer');
      const file = path.join(dir, emlFileName(options.messageId));
      const replaced = await exists(file);
      await writeAtomic(file, info.message);
      log(`mail ${options.messageId} to ${msg.to.join(', ')} ${replaced ? 'rewritten' : 'written'} to ${file} (SMTP_URL is not set)`);
      return { messageId: options.messageId, location: file };
    },
    close: () => transport.close(),
  };
}

function toNodemailer(msg: OutgoingMail, defaultFrom: string) {
  const messageId = normalizeMessageId(msg.messageId);
  if (msg.to.length === 0) throw new Error(`mail ${messageId}: no recipients in "to"`);
  return {
    messageId,
    from: msg.from ?? defaultFrom,
    to: msg.to,
    cc: msg.cc,
    subject: msg.subject,
    text: msg.text,
    html: msg.html,
    headers: msg.headers,
    attachments: msg.attachments?.map((a) => {
      if ((a.path === undefined) === (a.content === undefined)) {
        throw new Error(`mail ${messageId}: attachment "${a.filename}" needs exactly one of path or content`);
      }
      return {
        filename: a.filename,
        contentType: a.contentType,
        ...(a.path !== undefined ? { path: a.path } : { content: Buffer.from(a.content!.buffer, a.content!.byteOffset, a.content!.byteLength) }),
      };
    }),
  };
}

function normalizeMessageId(id: string): string {
  const bracketed = id.startsWith('<') ? id : `<${id}>`;
  if (!/^<[^<>\s@]+@[^<>\s@]+>$/.test(bracketed)) {
    throw new Error(`"${id}" is not a Message-ID (expected <something@domain>); build one with messageIdFor(businessKey, domain)`);
  }
  return bracketed;
}

/** A file name from the Message-ID alone (no clock), readable when the ID is plain. */
export function emlFileName(messageId: string): string {
  const inner = messageId.replace(/^<|>$/g, '');
  let safe = inner.replace(/[^A-Za-z0-9._@+=-]/g, '_').replace(/^\.+/, '_').slice(0, 150);
  if (safe !== inner) safe += `-${sha256(inner).slice(0, 12)}`;
  return `${safe}.eml`;
}

async function writeAtomic(file: string, data: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Hidden temp name in the same folder: rename is atomic there, and readers skip dot files.
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
