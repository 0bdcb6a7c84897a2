/**
 * A real SMTP server on loopback for tests: accepts every message (no TLS, any or no
 * login), parses it with mailparser and keeps it in memory, optionally also as .eml
 * files in a folder.
 *
 * In a test:  const sink = await startSmtpSink();  // give sink.url to SMTP_URL
 * Processes the test spawns send to sink.url over TCP like any SMTP client, so an
 * in-process sink also sees mail from child workers.
 *
 * Standalone: tsx test/support/smtp-sink.ts --port 2525 --dir .data/sink
 * prints "smtp-sink listening on smtp://127.0.0.1:2525 ..." and writes each message to
 * the folder, where another process reads them with readSinkFolder(dir).
 */
import { EventEmitter } from 'node:events';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type { ParsedMail };

export interface SmtpSinkOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Also write every received message as an .eml file into this folder. */
  dir?: string;
  onMessage?: (m: ParsedMail) => void;
  /**
   * Runs after the message body arrived and before the sink answers 250. A client that
   * disconnects meanwhile never got its 250, so the message is dropped, as a real
   * server would: tests use this to kill a sender at the worst moment.
   */
  beforeAccept?: () => Promise<void>;
  /**
   * Parse only the header block (Message-ID, To, Subject): a benchmark's sink, whose CPU
   * would otherwise count against the sender for decoding every attachment. Stored .eml
   * files are still whole.
   */
  headersOnly?: boolean;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:PORT, ready for SMTP_URL. */
  url: string;
  port: number;
  /** Received messages in arrival order. */
  messages: ParsedMail[];
  /** Resolves with the first message (already received or arriving later) that matches. */
  waitFor(pred: (m: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  count(pred?: (m: ParsedMail) => boolean): number;
  stop(): Promise<void>;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const dir = options.dir && path.resolve(options.dir);
  if (dir) await mkdir(dir, { recursive: true });
  const messages: ParsedMail[] = [];
  const arrivals = new EventEmitter();
  let seq = 0;
  const closed = new Set<string>();

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    // Any login is fine: the sink stands in for a real server, it guards nothing.
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anyone' }),
    logger: false,
    size: 50 * 1024 * 1024,
    closeTimeout: 1000,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        // Answer 250 only once the message is parsed and stored: when the client's send
        // resolves, the message is already in `messages` (and in the folder).
        (async () => {
          await options.beforeAccept?.();
          if (closed.has(session.id)) throw new Error('client went away before the message was accepted');
          const parsed = await simpleParser(options.headersOnly ? headerBlock(raw) : raw);
          if (dir) await writeEml(dir, `${Date.now()}-${process.pid}-${String(++seq).padStart(6, '0')}.eml`, raw);
          messages.push(parsed);
          arrivals.emit('message', parsed);
          options.onMessage?.(parsed);
        })().then(
          () => callback(null, 'Message queued by smtp-sink'),
          (err: Error) => callback(err),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error(`smtp-sink: unexpected listen address ${String(address)}`);
  const port = address.port;

  return {
    url: `smtp://${host}:${port}`,
    port,
    messages,
    count: (pred) => (pred ? messages.filter(pred).length : messages.length),
    waitFor(pred, timeoutMs = 15_000) {
      const found = messages.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onMessage = (m: ParsedMail) => {
          if (!pred(m)) return;
          clearTimeout(timer);
          arrivals.off('message', onMessage);
          resolve(m);
        };
        const timer = setTimeout(() => {
          arrivals.off('message', onMessage);
          reject(new Error(`smtp-sink on port ${port}: no matching message within ${timeoutMs} ms; ${describe(messages)}`));
        }, timeoutMs);
        arrivals.on('message', onMessage);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Messages a standalone sink (or a sink with `dir`) wrote, oldest first. */
export async function readSinkFolder(dir: string): Promise<ParsedMail[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files = names.filter((n) => n.endsWith('.eml') && !n.startsWith('.')).sort();
  return Promise.all(files.map(async (f) => simpleParser(await readFile(path.join(dir, f)))));
}

/** Polls a sink folder until a message matches; for sinks running in another process. */
export async function waitForSinkFolder(dir: string, pred: (m: ParsedMail) => boolean, timeoutMs = 15_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await readSinkFolder(dir);
    const found = messages.find(pred);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`smtp-sink folder ${dir}: no matching message within ${timeoutMs} ms; ${describe(messages)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** "a@x, b@y" from a parsed To/Cc field, for logs and assertions. */
export function addresses(field: ParsedMail['to']): string {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).join(', ');
}

function describe(messages: ParsedMail[]): string {
  if (messages.length === 0) return 'nothing was received';
  const list = messages.slice(-10).map((m) => `${m.messageId ?? '(no id)'} "${m.subject ?? ''}"`);
  return `received ${messages.length}: ${list.join('; ')}`;
}

/** The message up to and including the blank line that ends its headers. */
function headerBlock(raw: Buffer): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  return end < 0 ? raw : raw.subarray(0, end + 4);
}

async function writeEml(dir: string, name: string, raw: Buffer): Promise<void> {
  // Temp dot-file + rename so a reader never parses half a message.
  const tmp = path.join(dir, `.${name}.tmp`);
  await writeFile(tmp, raw);
  await rename(tmp, path.join(dir, name));
}

function parseArgs(argv: string[]): SmtpSinkOptions {
  const options: SmtpSinkOptions = { port: 2525, dir: '.data/smtp-sink' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--port' && value !== undefined) options.port = Number(value);
    else if (flag === '--host' && value !== undefined) options.host = value;
    else if (flag === '--dir' && value !== undefined) options.dir = value;
    else if (flag === '--headers-only') {
      options.headersOnly = true;
      continue;
    } else {
      throw new Error(`smtp-sink: unknown argument "${flag}". Usage: tsx test/support/smtp-sink.ts [--port 2525] [--host 127.0.0.1] [--dir .data/smtp-sink] [--headers-only]`);
    }
    i++;
  }
  if (!Number.isInteger(options.port) || options.port! < 0 || options.port! > 65535) throw new Error(`smtp-sink: --port must be 0..65535`);
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const sink = await startSmtpSink({
    ...options,
    onMessage: (m) => console.log(`received ${m.messageId ?? '(no id)'} to ${addresses(m.to)}: ${m.subject ?? ''}`),
  });
  // One line a parent process can parse to learn the port (useful with --port 0).
  console.log(`smtp-sink listening on ${sink.url}, writing to ${path.resolve(options.dir!)}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void sink.stop().then(() => process.exit(0)));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
