// The accountant's export: CSV content, a ZIP that unzip reads, the API route and the CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/api/auth.js';
import { cancelInvoice, createDraft, issueInvoice } from '../../src/invoicing/index.js';
import { exportZip, invoicesCsv, invoicesOfPeriod } from '../../src/invoicing/export.js';
import { defaultPdfRenderer } from '../../src/invoicing/pdf.js';
import { pdfToText } from '../support/pdf-text.js';
import { projectRoot } from '../../src/platform/config.js';
import type { Db } from '../../src/platform/db.js';
import { client, testApp } from '../api/support.js';
import { courseLine, tenantWithCustomer, testDatabase } from './support.js';

const run = promisify(execFile);

describe('accountant export', () => {
  let db: Db;
  let url: string;
  let cleanup: () => Promise<void>;
  let tenantId: string;
  let dir: string;
  const ctx = () => ({ db, actor: 'test' });

  beforeAll(async () => {
    ({ db, url, cleanup } = await testDatabase('sqlite'));
    const t = await tenantWithCustomer(db);
    tenantId = t.tenant.id;
    await db.customer.update({ where: { id: t.customer.id }, data: { name: 'Popescu, "Ana" SRL', vatId: 'RO123' } });
    await db.tenant.update({ where: { id: tenantId }, data: { name: 'Atelier Dulce SRL', addressLine1: 'Strada Florilor 12', city: 'București', country: 'RO', iban: 'RO49AAAA1B31007593840000' } });
    const issue = async (kind: 'proforma' | 'final', unitPriceMinor: number) =>
      issueInvoice(t.ctx, { tenantId, invoiceId: (await createDraft(t.ctx, { tenantId, customerId: t.customer.id, kind, lines: [{ ...courseLine, unitPriceMinor }] })).id });
    await issue('proforma', 10_000);
    const final = await issue('final', 100_050);
    await cancelInvoice(t.ctx, { tenantId, invoiceId: final.id });
    await createDraft(t.ctx, { tenantId, customerId: t.customer.id, kind: 'final', lines: [courseLine] }); // drafts are never exported
    t.ctx.setNow(new Date('2026-12-05T10:00:00Z'));
    await issue('final', 500); // outside November
    dir = mkdtempSync(path.join(os.tmpdir(), 'recflow-export-'));
  });
  afterAll(async () => {
    await cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const expectedCsv = [
    'number,kind,date,due_date,customer,vat_id,net,tax,gross,currency,status,reference',
    'INV-2026-0001,final,2026-11-23,2026-12-07,"Popescu, ""Ana"" SRL",RO123,1000.50,190.10,1190.60,RON,cancelled,',
    'INV-2026-0002,storno,2026-11-23,2026-11-23,"Popescu, ""Ana"" SRL",RO123,-1000.50,-190.10,-1190.60,RON,issued,INV-2026-0001',
    'PF-2026-0001,proforma,2026-11-23,2026-12-07,"Popescu, ""Ana"" SRL",RO123,100.00,19.00,119.00,RON,issued,',
  ];

  it('writes one CSV row per issued invoice of the period, amounts as decimals', async () => {
    const csv = invoicesCsv(await invoicesOfPeriod(ctx(), { tenantId, from: '2026-11-01', to: '2026-11-30' }));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([...expectedCsv, '']);
  });

  it('zips the CSV so that unzip reads it back', async () => {
    const { zip, count } = await exportZip(ctx(), { tenantId, from: '2026-11-01', to: '2026-11-30', renderPdf: null });
    expect(count).toBe(3);
    const file = path.join(dir, 'direct.zip');
    writeFileSync(file, zip);
    await run('unzip', ['-tq', file]);
    const { stdout } = await run('unzip', ['-p', file, 'invoices.csv']);
    expect(stdout.slice(1).split('\r\n').slice(0, 4)).toEqual(expectedCsv);
    const again = await exportZip(ctx(), { tenantId, from: '2026-11-01', to: '2026-11-30', renderPdf: null });
    expect(again.zip.equals(zip)).toBe(true); // byte-stable
  });

  it('adds one PDF per invoice, named by its number', async () => {
    const renderPdf = defaultPdfRenderer;
    const file = path.join(dir, 'pdfs.zip');
    const out = await exportZip(ctx(), { tenantId, from: '2026-11-01', to: '2026-11-30', renderPdf });
    expect(out.pdfs).toBe(3);
    writeFileSync(file, out.zip);
    const { stdout } = await run('unzip', ['-Z1', file]);
    expect(stdout.trim().split('\n')).toEqual(['invoices.csv', 'pdf/INV-2026-0001.pdf', 'pdf/INV-2026-0002.pdf', 'pdf/PF-2026-0001.pdf']);
    await run('unzip', ['-o', '-d', dir, file, 'pdf/INV-2026-0002.pdf']);
    const text = await pdfToText(path.join(dir, 'pdf', 'INV-2026-0002.pdf'));
    expect(text).toContain('INV-2026-0002');
    expect(text).toContain('INV-2026-0001'); // the storno names what it cancels
    expect(text).toContain('Popescu, "Ana" SRL');
    expect(text).toContain('Strada Florilor 12'); // the seller, from the tenant
    expect(text.replace(/\s/g, '')).toContain('RO49AAAA1B31007593840000');
  });

  it('serves it from the API as ZIP or CSV', async () => {
    const call = client(testApp(db), (await createApiToken(db, tenantId, 'export')).token);
    const res = await call('GET', '/v1/exports/invoices?from=2026-11-01&to=2026-11-30');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('x-invoice-count')).toBe('3');
    const csv = await call('GET', '/v1/exports/invoices?from=2026-12-01&to=2026-12-31&format=csv');
    expect(new TextDecoder().decode(csv.body as ArrayBuffer).split('\r\n')[1]).toMatch(/^INV-2026-0003,final,2026-12-05,/);
  });

  it('writes it from the CLI', async () => {
    const out = path.join(dir, 'cli.zip');
    const env = { ...process.env, DATABASE_URL: url };
    const { stdout } = await run(process.execPath, [path.join(projectRoot, 'bin/recflow.mjs'), 'invoices', 'export', '--from', '2026-11-01', '--to', '2026-11-30', '--out', out], { env });
    expect(stdout).toMatch(/wrote 3 invoice\(s\) of 2026-11-01…2026-11-30 to .*cli\.zip \(invoices\.csv and 3 PDF\(s\)\)/);
    expect((await run('unzip', ['-p', out, 'invoices.csv'])).stdout.slice(1).split('\r\n').slice(0, 4)).toEqual(expectedCsv);
    await run(process.execPath, [path.join(projectRoot, 'bin/recflow.mjs'), 'invoices', 'export', '--from', '2026-11-01', '--to', '2026-11-30', '--out', path.join(dir, 'x.csv')], { env });
    expect(readFileSync(path.join(dir, 'x.csv'), 'utf8').slice(1).split('\r\n').slice(0, 4)).toEqual(expectedCsv);
    const bad = await run(process.execPath, [path.join(projectRoot, 'bin/recflow.mjs'), 'invoices', 'export', '--from', '2026-13-01', '--to', '2026-11-30', '--out', out], { env }).catch((e: { stderr: string; code: number }) => e);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('--from "2026-13-01" is not a date') });
  });
});
