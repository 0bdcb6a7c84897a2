import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveMessage, deliver, discardMessage, OutboxError, queueMessage, type OutboxDeps } from '../../src/mail/outbox.js';
import { defaultRecipients } from '../../src/mail/recipients.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { createMailer, type Mailer } from '../../src/platform/mail.js';
import { migrate } from '../../src/platform/migrate.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { createTestSqlite } from '../support/postgres.js';

describe('outbox on SQLite and a real SMTP server', () => {
  let sink: SmtpSink;
  let db: Db;
  let mailer: Mailer;
  let deps: OutboxDeps;
  let dir: string;
  let cleanup: () => void;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const sqlite = createTestSqlite();
    cleanup = sqlite.cleanup;
    await migrate(sqlite.url);
    db = await createDb(sqlite.url);
    dir = await mkdtemp(path.join(tmpdir(), 'recflow-outbox-'));
    mailer = createMailer({ dataDir: dir, smtpUrl: sink.url, mailFrom: 'Firma <billing@firma.example>' }, () => {});
    deps = { db, mailer, dataDir: dir, mailFrom: 'Firma <billing@firma.example>', mailDomain: 'firma.example' };
  });
  afterAll(async () => {
    mailer?.close();
    await db?.$disconnect();
    await sink?.stop();
    cleanup?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const msg = (key: string, draft = false) => ({ key, to: ['buchhaltung@kunde.example'], subject: `Mahnung ${key}`, text: 'Guten Tag, ăâîșț ąćęłńóśźż äöüß', html: '<p>Guten Tag</p>', draft });
  const copies = (key: string) => sink.count((m) => m.subject === `Mahnung ${key}`);

  it('sends at once and never twice for the same key', async () => {
    const first = await queueMessage(deps, msg('invoice:1:reminder:1'));
    expect(first.status).toBe('sent');
    expect(await queueMessage(deps, msg('invoice:1:reminder:1'))).toEqual(first);
    expect(await deliver(deps, 'invoice:1:reminder:1')).toEqual(first);
    await sink.waitFor((m) => m.subject === 'Mahnung invoice:1:reminder:1');
    expect(copies('invoice:1:reminder:1')).toBe(1);
    const received = sink.messages.find((m) => m.subject === 'Mahnung invoice:1:reminder:1')!;
    expect(received.messageId).toBe(first.messageId);
    expect(received.text).toContain('ăâîșț ąćęłńóśźż äöüß');
  });

  it('sends once when two attempts queue the same mail at the same moment', async () => {
    const key = 'invoice:9:reminder:1';
    const [a, b] = await Promise.all([queueMessage(deps, msg(key)), queueMessage(deps, msg(key))]);
    expect([a.messageId, b.messageId]).toEqual([a.messageId, a.messageId]);
    expect([a.status, b.status].sort()).toEqual(expect.arrayContaining(['sent']));
    expect(['sent', 'sending']).toContain(b.status === 'sent' ? a.status : b.status);
    await sink.waitFor((m) => m.subject === `Mahnung ${key}`);
    expect(await deliver(deps, key)).toMatchObject({ status: 'sent' });
    expect(copies(key)).toBe(1);
    expect(await db.emailMessage.count({ where: { key } })).toBe(1);
  });

  it('holds a draft until it is approved, then sends it once', async () => {
    const draft = await queueMessage(deps, msg('invoice:2:reminder:2', true));
    expect(draft.status).toBe('draft');
    expect(await deliver(deps, draft.key)).toMatchObject({ status: 'draft' });
    expect(copies(draft.key)).toBe(0);
    // Two operators press "approve" at once: one sends, the other sees it in flight or sent.
    const [a, b] = await Promise.all([approveMessage(deps, draft.key), approveMessage(deps, draft.key)]);
    expect([a.status, b.status]).toContain('sent');
    await sink.waitFor((m) => m.subject === `Mahnung ${draft.key}`);
    expect((await approveMessage(deps, draft.key)).status).toBe('sent');
    expect(copies(draft.key)).toBe(1);
    await expect(discardMessage(deps, draft.key)).rejects.toThrow(/is sent; only drafts and unsent messages can be discarded/);
  });

  it('discards a draft for good', async () => {
    const draft = await queueMessage(deps, msg('invoice:3:reminder:1', true));
    expect((await discardMessage(deps, draft.key)).status).toBe('discarded');
    await expect(approveMessage(deps, draft.key)).rejects.toThrow(/was discarded/);
    expect(copies(draft.key)).toBe(0);
    await expect(approveMessage(deps, 'no:such:key')).rejects.toThrow(OutboxError);
  });

  it('after a death between SMTP acceptance and the outbox update, resends the same Message-ID (at least once)', async () => {
    // The worst moment: the server said 250, the process died before the row said "sent".
    // A send that never returns stands for the dead process: no catch, no update runs.
    const dying: OutboxDeps = { ...deps, mailer: { send: async (m) => { await mailer.send(m); return new Promise(() => {}); }, close: () => {} } };
    void queueMessage(dying, msg('invoice:4:reminder:1'));
    await sink.waitFor((m) => m.subject === 'Mahnung invoice:4:reminder:1');
    // Within the lease the row belongs to the (dead) attempt: nothing is sent yet.
    expect((await deliver(deps, 'invoice:4:reminder:1')).status).toBe('sending');
    const retried = await deliver({ ...deps, sendingLeaseMs: 0 }, 'invoice:4:reminder:1');
    expect(retried.status).toBe('sent');
    await sink.waitFor((m) => m.subject === 'Mahnung invoice:4:reminder:1');
    const delivered = sink.messages.filter((m) => m.subject === 'Mahnung invoice:4:reminder:1');
    // SMTP cannot tell us whether the first attempt landed; both copies carry one Message-ID.
    expect(delivered.length).toBe(2);
    expect(new Set(delivered.map((m) => m.messageId))).toEqual(new Set([retried.messageId]));
  });
});

describe('defaultRecipients', () => {
  const contacts = [
    { email: 'chef@kunde.example', role: 'main' },
    { email: 'buchhaltung@kunde.example', role: 'accounting' },
    { email: 'fibu@kunde.example', role: 'accounting' },
  ];
  it.each([
    ['invoice', contacts, ['buchhaltung@kunde.example', 'fibu@kunde.example']],
    ['reminder', contacts, ['buchhaltung@kunde.example', 'fibu@kunde.example']],
    ['other', contacts, ['chef@kunde.example']],
    ['reminder', contacts.slice(0, 1), ['chef@kunde.example']],
    ['reminder', [], ['info@kunde.example']],
  ] as const)('%s mail to %j', (purpose, list, expected) => {
    expect(defaultRecipients({ email: 'info@kunde.example', contacts: [...list] }, purpose)).toEqual(expected);
  });
});
