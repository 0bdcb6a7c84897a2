// The Prisma client on real SQLite and PostgreSQL databases, through the driver adapters.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, sqliteFileOf, type Db } from '../../src/platform/db.js';
import { migrate } from '../../src/platform/migrate.js';
import { createTestDatabase, createTestSqlite, postgresServerUrl } from '../support/postgres.js';

describe.each(['sqlite', 'postgresql'] as const)('client on %s', (provider) => {
  let url: string;
  let db: Db;
  let cleanup: () => Promise<void> | void;

  beforeAll(async () => {
    const target = provider === 'sqlite' ? createTestSqlite() : await createTestDatabase(postgresServerUrl());
    url = target.url;
    cleanup = 'drop' in target ? target.drop : target.cleanup;
    await migrate(url);
    db = await createDb(url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await cleanup?.();
  });

  async function opportunity(slug: string) {
    const tenant = await db.tenant.create({ data: { name: `Tenant ${slug}`, slug } });
    const customer = await db.customer.create({
      data: {
        tenantId: tenant.id,
        name: 'Ana Popescu',
        currency: 'RON',
        contacts: { create: [{ name: 'Mihai', email: 'contabilitate@example.ro', role: 'accounting' }] },
      },
    });
    return db.opportunity.create({
      data: {
        tenantId: tenant.id,
        customerId: customer.id,
        externalId: 'OPP-1',
        title: 'Pastry course',
        pipeline: 'enrolment',
        status: 'new',
        amountMinor: 120_000,
        currency: 'RON',
        customFields: { seats: 2, tags: ['autumn'] },
      },
    });
  }

  it('creates and reads back related rows with Json, Int money and dates', async () => {
    const created = await opportunity('create-read');
    const read = await db.opportunity.findUniqueOrThrow({
      where: { id: created.id },
      include: { customer: { include: { contacts: true } } },
    });
    expect(read).toMatchObject({ amountMinor: 120_000, currency: 'RON', status: 'new', customFields: { seats: 2, tags: ['autumn'] } });
    expect(read.customer).toMatchObject({ name: 'Ana Popescu', language: 'en', currency: 'RON' });
    expect(read.customer.contacts).toEqual([expect.objectContaining({ role: 'accounting', email: 'contabilitate@example.ro' })]);
    expect(read.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(read.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(read.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a second OpportunityEvent with the same eventId (P2002) and keeps the first', async () => {
    const opp = await opportunity('event-once');
    const event = { opportunityId: opp.id, eventId: 'evt-1', fromStatus: 'new', toStatus: 'paid', workflowId: 'wf-1' };
    await db.opportunityEvent.create({ data: event });
    await expect(db.opportunityEvent.create({ data: { ...event, workflowId: 'wf-2' } })).rejects.toMatchObject({ code: 'P2002' });
    const rows = await db.opportunityEvent.findMany({ where: { eventId: 'evt-1' } });
    expect(rows.map((r) => r.workflowId)).toEqual(['wf-1']);
  });

  it('keeps externalId unique per tenant only', async () => {
    const opp = await opportunity('external-a');
    const { tenantId, customerId, ...rest } = await db.opportunity.findUniqueOrThrow({ where: { id: opp.id } });
    const data = { tenantId, customerId, externalId: rest.externalId, title: 'x', pipeline: 'p', status: 's', amountMinor: 1, currency: 'EUR', customFields: {} };
    await expect(db.opportunity.create({ data })).rejects.toMatchObject({ code: 'P2002' });
    const other = await opportunity('external-b'); // same externalId, other tenant
    expect(other.externalId).toBe(rest.externalId);
  });

  it('enforces foreign keys', async () => {
    await expect(db.contact.create({ data: { customerId: 'no-such-customer', name: 'x', email: 'x@example.com' } })).rejects.toMatchObject({
      code: 'P2003',
    });
  });

  it('rolls back an interactive transaction that throws', async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.tenant.create({ data: { name: 'Rolled back', slug: 'rolled-back' } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.tenant.findUnique({ where: { slug: 'rolled-back' } })).toBeNull();
  });

  it('writes the outbox and audit rows the activities use', async () => {
    await db.emailMessage.create({
      data: { key: 'rule:evt:mail', messageId: '<a@recflow>', to: 'a@example.com, b@example.com', subject: 'Hi', attachments: ['invoice.pdf'] },
    });
    const sent = await db.emailMessage.update({ where: { key: 'rule:evt:mail' }, data: { status: 'sent', sentAt: new Date() } });
    expect(sent).toMatchObject({ status: 'sent', attachments: ['invoice.pdf'], error: null });
    const audit = await db.auditEvent.create({
      data: { entity: 'email', entityId: sent.id, action: 'sent', actor: 'wf-1', data: { key: sent.key } },
    });
    expect(audit.tenantId).toBeNull();
    expect(audit.data).toEqual({ key: 'rule:evt:mail' });
  });
});

describe('SQLite file shared by worker and API processes', () => {
  let url: string;
  let db: Db;
  let cleanup: () => void;

  beforeAll(async () => {
    ({ url, cleanup } = createTestSqlite());
    await migrate(url);
    db = await createDb(url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    cleanup?.();
  });

  it('puts the SQLite file in WAL mode so worker and API can share it', async () => {
    const file = new Database(sqliteFileOf(url), { readonly: true });
    try {
      expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      file.close();
    }
  });

  it('waits for another process holding the write lock instead of failing with SQLITE_BUSY', async () => {
    // The other process (think: the worker) takes the write lock and keeps it for 700 ms.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec('BEGIN IMMEDIATE');
         db.prepare("INSERT INTO Document (id, key, kind, path, sha256, bytes) VALUES ('held', 'held', 'invoice', '/tmp/held.pdf', 'x', 1)").run();
         console.log('locked');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 700);
         db.exec('COMMIT');`,
        sqliteFileOf(url),
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await once(holder.stdout, 'data');
    const started = Date.now();
    await db.document.create({ data: { key: 'waited', kind: 'invoice', path: '/tmp/w.pdf', sha256: 'x', bytes: 1 } });
    expect(Date.now() - started).toBeGreaterThan(300);
    await once(holder, 'exit');
    expect(await db.document.count({ where: { key: { in: ['held', 'waited'] } } })).toBe(2);
  });
});
