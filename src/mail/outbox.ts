// The outbox: every mail is a row keyed by its business key (e.g. invoice:42:reminder:1)
// plus its content in <dataDir>/outbox, written before anything is sent. Drafts wait for
// approveMessage or discardMessage; everything else is delivered at once.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isUniqueViolation, type Db, type EmailMessage, type Prisma } from '../platform/db.js';
import { messageIdFor, type Mailer } from '../platform/mail.js';
import { fileNameFor, writeFileAtomic } from '../../activities/files.js';

export interface OutboxDeps {
  db: Db;
  mailer: Mailer;
  dataDir: string;
  mailFrom: string;
  mailDomain: string;
  /**
   * How long a "sending" row belongs to the attempt that set it. After that the attempt
   * is taken as dead (SMTP timeouts in platform/mail.ts end any live one sooner) and the
   * message may be sent again. Default 3 minutes.
   */
  sendingLeaseMs?: number;
}

export interface OutboxMessage {
  /** Business key, never a run id: the same key is the same mail, sent at most once. */
  key: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; path: string; contentType?: string }[];
  /** Hold for approval (status draft) instead of sending now. */
  draft?: boolean;
  /** The tenant it is sent for: the API shows and releases a tenant's own mail only. */
  tenantId?: string;
}

export type OutboxStatus = 'draft' | 'approved' | 'sending' | 'sent' | 'failed' | 'discarded';

export interface OutboxResult {
  key: string;
  messageId: string;
  status: OutboxStatus;
}

export class OutboxError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid_state',
    message: string,
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}

/**
 * Records the message (once per key: a second call returns the first), then sends it
 * unless it is a draft.
 * @example await queueMessage(deps, { key: 'invoice:42:reminder:1', to: ['buchhaltung@kunde.de'], subject, text, draft: true })
 */
export async function queueMessage(deps: OutboxDeps, msg: OutboxMessage): Promise<OutboxResult> {
  const existing = await deps.db.emailMessage.findUnique({ where: { key: msg.key } });
  if (existing) return existing.status === 'approved' ? sendRow(deps, existing) : result(existing);
  if (msg.to.length === 0) throw new OutboxError('invalid_state', `mail ${msg.key} has no recipients; add an accounting or main contact to the customer`);
  const messageId = messageIdFor(msg.key, deps.mailDomain);
  const content = { ...msg, messageId };
  await writeContent(contentFile(deps, msg.key), content);
  // A mail to send now is inserted already claimed ("sending"): the same as inserting it
  // approved and claiming it, one statement fewer.
  const { row, ours } = await insertOnce(deps, {
    key: msg.key, tenantId: msg.tenantId ?? null, messageId, to: msg.to.join(', '), subject: msg.subject, status: msg.draft ? 'draft' : 'sending', attachments: (msg.attachments ?? []).map((a) => a.filename),
  });
  if (ours) return msg.draft ? result(row) : sendClaimed(deps, msg.key, content);
  return row.status === 'approved' ? sendRow(deps, row) : result(row);
}

/** The new row (ours), or the one a concurrent attempt inserted first. A plain insert: an upsert is four statements on SQLite. */
async function insertOnce(deps: OutboxDeps, data: Prisma.EmailMessageUncheckedCreateInput): Promise<{ row: EmailMessage; ours: boolean }> {
  try {
    return { row: await deps.db.emailMessage.create({ data }), ours: true };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return { row: await find(deps, data.key), ours: false };
  }
}

/** Releases a draft: it is sent now. Approving a sent message changes nothing. */
export async function approveMessage(deps: OutboxDeps, key: string): Promise<OutboxResult> {
  const row = await find(deps, key);
  if (row.status === 'discarded') throw new OutboxError('invalid_state', `mail ${key} was discarded; it cannot be approved`);
  await deps.db.emailMessage.updateMany({ where: { key, status: 'draft' }, data: { status: 'approved' } });
  return deliver(deps, key);
}

/** Drops a draft (or a failed or not yet sent message) for good. */
export async function discardMessage(deps: OutboxDeps, key: string): Promise<OutboxResult> {
  await find(deps, key);
  const { count } = await deps.db.emailMessage.updateMany({ where: { key, status: { in: ['draft', 'approved', 'failed'] } }, data: { status: 'discarded' } });
  const row = await find(deps, key);
  if (count === 0 && row.status !== 'discarded') throw new OutboxError('invalid_state', `mail ${key} is ${row.status}; only drafts and unsent messages can be discarded`);
  return result(row);
}

/**
 * Sends an approved message. Sent: nothing happens. "sending" is another attempt in
 * flight (the result says so; retry later) or, after sendingLeaseMs, one that died
 * between handing the mail to SMTP and recording the answer: the outcome is unknown, so
 * it is sent again with the same Message-ID, which lets receivers and operators
 * recognise the copy (see templates/README.md, "Exactly once").
 */
export async function deliver(deps: OutboxDeps, key: string): Promise<OutboxResult> {
  return sendRow(deps, await find(deps, key));
}

/** deliver() for a row already read. */
async function sendRow(deps: OutboxDeps, row: EmailMessage): Promise<OutboxResult> {
  const { key } = row;
  if (row.status === 'sent' || row.status === 'draft' || row.status === 'discarded') return result(row);
  const staleBefore = new Date(Date.now() - (deps.sendingLeaseMs ?? 180_000));
  // One claimant wins; a "sending" row is taken over only once its attempt is surely dead.
  const claimed = await deps.db.emailMessage.updateMany({
    where: { key, OR: [{ status: { in: ['approved', 'failed'] } }, { status: 'sending', updatedAt: { lt: staleBefore } }] },
    data: { status: 'sending', error: null },
  });
  if (claimed.count === 0) return result(await find(deps, key));
  return sendClaimed(deps, key);
}

/** Sends a row this attempt holds ("sending"), with its content when at hand (else read from its file). */
async function sendClaimed(deps: OutboxDeps, key: string, known?: OutboxMessage & { messageId: string }): Promise<OutboxResult> {
  const content = known ?? (JSON.parse(await readFile(contentFile(deps, key), 'utf8')) as OutboxMessage & { messageId: string });
  try {
    await deps.mailer.send({ messageId: content.messageId, from: deps.mailFrom, to: content.to, cc: content.cc, subject: content.subject, text: content.text, html: content.html, attachments: content.attachments, headers: { 'X-Recflow-Key': key } });
  } catch (err) {
    await deps.db.emailMessage.update({ where: { key }, data: { status: 'failed', error: String(err) } });
    throw err;
  }
  return result(await deps.db.emailMessage.update({ where: { key }, data: { status: 'sent', sentAt: new Date() } }));
}

async function find(deps: OutboxDeps, key: string) {
  const row = await deps.db.emailMessage.findUnique({ where: { key } });
  if (!row) throw new OutboxError('not_found', `no mail with key ${key} in the outbox`);
  return row;
}

function result(row: { key: string; messageId: string; status: string }): OutboxResult {
  return { key: row.key, messageId: row.messageId, status: row.status as OutboxStatus };
}

function contentFile(deps: OutboxDeps, key: string): string {
  return path.join(deps.dataDir, 'outbox', fileNameFor(key, 'json'));
}

function writeContent(file: string, content: unknown): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(content));
}
