import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderInvoiceDocument } from '../../src/documents/invoice.js';
import '../../src/pdf/index.js';
import { projectRoot } from '../../src/platform/config.js';
import { pdfToText } from '../support/pdf-text.js';
import { sampleInvoice } from '../documents/fixtures.js';

// The render caches (wrapped lines, subsets, glyph codes, compressed streams, number text)
// must never let one document change another's bytes.

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('PDF render caches', () => {
  it('writes numbers exactly as pdf-lib does', () => {
    const pdfLib = createRequire(createRequire(import.meta.url).resolve('pdf-lib'));
    const patched = (pdfLib('./utils/index.js') as { numberToString: (n: number) => string }).numberToString;
    const original = (pdfLib('./utils/numbers.js') as { numberToString: (n: number) => string }).numberToString;
    expect(patched).not.toBe(original); // the fast path is in place
    for (const n of [0, -0, 1, -1, 0.5, 12.34, -612.3456789, 0.1 + 0.2, 1e-7, -3.5e-9, 5e-324, 1e21, 1.5e22, 123456789.125, 841.89, 2 ** 53]) {
      expect(patched(n), String(n)).toBe(original(n));
    }
  });

  it('gives an invoice the same bytes after other invoices filled the caches as in a fresh process', async () => {
    const input = sampleInvoice({ language: 'pl', number: 'FV-2026-0042' });
    for (const [i, language] of (['de', 'ro', 'en', 'pl'] as const).entries()) {
      await renderInvoiceDocument(sampleInvoice({ language, number: `X-${i}`, notes: `Țară ${i} — żółć Größe` }));
    }
    const warm = await renderInvoiceDocument(input);
    const script = [
      `import { renderInvoiceDocument } from ${JSON.stringify(path.join(projectRoot, 'src/documents/invoice.ts'))};`,
      `import { createHash } from 'node:crypto';`,
      `const bytes = await renderInvoiceDocument(JSON.parse(process.env.INPUT));`,
      `console.log(createHash('sha256').update(bytes).digest('hex'));`,
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: projectRoot,
      env: { ...process.env, INPUT: JSON.stringify(input) },
    });
    expect(stdout.trim()).toBe(sha256(warm));
    expect(await pdfToText(warm)).toContain('FV-2026-0042');
  });
});
