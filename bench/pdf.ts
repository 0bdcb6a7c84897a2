// PDF rendering speed on one core (this process, sequential renders). Prints figures, no pass/fail.
// Standalone: tsx bench/pdf.ts [documents]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderSimpleDocument, type SimpleDocumentInput } from '../src/pdf/index.js';

function documentFor(i: number): SimpleDocumentInput {
  return {
    title: `Opportunity Kurs ${i} status changed`,
    subtitle: 'from Proposal to Won',
    lines: [
      { label: 'Customer', value: `Müller & Söhne GmbH / Łódź Sp. z o.o. / Școala ${i}` },
      { label: 'Reference', value: `OPP-${String(i).padStart(6, '0')}` },
      { label: 'Amount', value: `${(i * 17.5).toFixed(2)} EUR` },
      { label: 'Status', value: 'Proposal → Won' },
      { label: 'Date', value: '2025-03-14' },
    ],
    footer: `Document rule:won/opp:${i}/confirmation`,
    language: 'de-DE',
  };
}

export async function benchPdf(documents = 300): Promise<void> {
  const t0 = performance.now();
  const first = await renderSimpleDocument(documentFor(0)); // includes reading and parsing the fonts
  printFigure('pdf first document (cold, loads fonts)', performance.now() - t0, 'ms');
  printFigure('pdf one-page document size', first.length / 1024, 'KiB');

  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 1; i <= documents; i++) {
    const t = performance.now();
    await renderSimpleDocument(documentFor(i));
    times.push(performance.now() - t);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  printFigure(`pdf one-page documents per second (one core, ${documents} sequential)`, documents / seconds, 'docs/s');
  // Per second of CPU this process used: steadier than wall time on a shared machine.
  printFigure('pdf one-page documents per CPU second', documents / ((cpu.user + cpu.system) / 1e6), 'docs/s');
  printFigure('pdf median render time', median(times), 'ms');
}

// Same `name: value unit` lines as the other benches, kept local so this file stands alone.
function printFigure(name: string, value: number, unit: string): void {
  console.log(`${name}: ${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const n = Number(process.argv[2] ?? 300);
  if (!Number.isInteger(n) || n < 1) throw new Error(`usage: tsx bench/pdf.ts [documents], got "${process.argv[2]}"`);
  await benchPdf(n);
}
