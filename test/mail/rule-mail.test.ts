// A rule's send-email step goes through the outbox: draft mode (the step's draft:, the
// tenant's ruleMailDelivery) holds it for approval; a row left "sending" by a dead worker
// is sent again only after its lease. Real SQLite and a real SMTP server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEmail, type SendEmailInput } from '../../activities/email.js';
import type { ActivityDeps } from '../../activities/deps.js';
import { approveMessage, discardMessage } from '../../src/mail/outbox.js';
import { createDb, type Db } from '../../src/platform/db.js';
import { createMailer, type Mailer } from '../../src/platform/mail.js';
import { migrate } from '../../src/platform/migrate.js';
import { createTestSqlite } from '../support/postgres.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

describe('rule mail through the outbox', () => {
  let sink: SmtpSink;
  let db: Db;
  let mailer: Mailer;
  let deps: ActivityDeps;
  let dir: string;
  let cleanup: () => void;
  let tenantId: string;
  let draftTenantId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const sqlite = createTestSqlite();
    cleanup = sqlite.cleanup;
    await migrate(sqlite.url);
    db = await createDb(sqlite.url);
    dir = await mkdtemp(path.join(tmpdir(), 'recflow-rule-mail-'));
    mailer = createMailer({ dataDir: dir, smtpUrl: sink.url, mailFrom: 'Firma <billing@firma.example>' }, () => {});
    deps = { db, mailer, dataDir: dir, mailFrom: 'Firma <billing@firma.example>', mailDomain: 'firma.example' };
    tenantId = (await db.tenant.create({ data: { name: 'Send', slug: 'send-tenant' } })).id;
    draftTenantId = (await db.tenant.create({ data: { name: 'Draft', slug: 'draft-tenant', ruleMailDelivery: 'draft' } })).id;
  });
  afterAll(async () => {
    mailer?.close();
    await db?.$disconnect();
    await sink?.stop();
    cleanup?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const input = (key: string, more: Partial<SendEmailInput> = {}): SendEmailInput => ({
    key,
    to: ['ana@kunde.example'],
    subject: `Proforma for {{customer.name}} (${key})`,
    body: 'Bună ziua {{customer.name}}, ăâîșț',
    facts: { customer: { id: 'c1', name: 'Ana Pop', email: 'ana@kunde.example', language: 'ro' }, event: { id: 'e1', from: 'new', to: 'enrolled', occurredAt: '2026-03-01T09:00:00Z' } },
    attachmentKeys: [],
    tenantId,
    ...more,
  });
  const copies = (key: string) => sink.count((m) => m.subject === `Proforma for Ana Pop (${key})`);
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('sends at once when nothing says draft, and never twice', async () => {
    const send = sendEmail(deps);
    const first = await send(input('rule:a:event:1:step:0'));
    expect(first.status).toBe('sent');
    expect(await send(input('rule:a:event:1:step:0'))).toEqual(first);
    await sink.waitFor((m) => m.subject === 'Proforma for Ana Pop (rule:a:event:1:step:0)');
    await settle();
    expect(copies('rule:a:event:1:step:0')).toBe(1);
    expect((await db.emailMessage.findUniqueOrThrow({ where: { key: first.key } })).status).toBe('sent');
  });

  it('sends the HTML body alongside the text, with inserted values escaped', async () => {
    const key = 'rule:html:event:1:step:0';
    const facts = { ...input(key).facts, customer: { ...input(key).facts.customer, name: 'Pop & <Fiii>' } };
    await sendEmail(deps)(input(key, { facts, html: '<p>Bună ziua <b>{{customer.name}}</b></p>' }));
    const mail = await sink.waitFor((m) => m.subject === `Proforma for Pop & <Fiii> (${key})`);
    expect(mail.html).toBe('<p>Bună ziua <b>Pop &amp; &lt;Fiii&gt;</b></p>');
    expect(mail.text).toContain('Bună ziua Pop & <Fiii>, ăâîșț');
  });

  it('holds a draft step until it is approved, then sends it once', async () => {
    const send = sendEmail(deps);
    const key = 'rule:b:event:1:step:1';
    expect(await send(input(key, { draft: true }))).toMatchObject({ key, status: 'draft' });
    await settle();
    expect(copies(key)).toBe(0);
    expect((await approveMessage(deps, key)).status).toBe('sent');
    await sink.waitFor((m) => m.subject === `Proforma for Ana Pop (${key})`);
    // A retried activity after the release changes nothing.
    expect((await send(input(key, { draft: true }))).status).toBe('sent');
    await settle();
    expect(copies(key)).toBe(1);
  });

  it("holds every rule mail of a tenant whose ruleMailDelivery is draft; a discarded one never goes out", async () => {
    const send = sendEmail(deps);
    const key = 'rule:c:event:1:step:0';
    expect((await send(input(key, { tenantId: draftTenantId }))).status).toBe('draft');
    expect((await discardMessage(deps, key)).status).toBe('discarded');
    expect((await send(input(key, { tenantId: draftTenantId }))).status).toBe('discarded');
    // Owner notices (no tenantId passed) are not held.
    expect((await send(input('rule:c:event:1:step:1', { tenantId: undefined }))).status).toBe('sent');
    await settle();
    expect(copies(key)).toBe(0);
  });

  it('leaves a mail another attempt is sending alone until that attempt is surely dead, then sends it once', async () => {
    const send = sendEmail(deps);
    const key = 'rule:d:event:1:step:0';
    expect((await send(input(key, { draft: true }))).status).toBe('draft');
    // As a worker killed mid-send leaves it: approved, claimed, never marked sent.
    await db.emailMessage.update({ where: { key }, data: { status: 'sending' } });
    await expect(send(input(key))).rejects.toMatchObject({ type: 'MailInFlight', nonRetryable: false });
    expect(copies(key)).toBe(0);
    await db.emailMessage.update({ where: { key }, data: { updatedAt: new Date(Date.now() - 20_000) } });
    expect((await send(input(key))).status).toBe('sent');
    await sink.waitFor((m) => m.subject === `Proforma for Ana Pop (${key})`);
    await settle();
    expect(copies(key)).toBe(1);
  });
});
