// Dunning preview over 100k open items (target ≤ 2 s), and the aging report over the
// same items. Standalone: tsx bench/dunning.ts [items]
import { fileURLToPath } from 'node:url';
import { agingReport } from '../src/receivables/aging/report.js';
import { dunningPreview } from '../src/receivables/dunning/preview.js';
import type { DunningSettings } from '../src/receivables/dunning/settings.js';
import { openItems } from './receivables-data.js';
import { printFigure } from './report.js';

export async function benchDunning(count = 100_000): Promise<void> {
  const items = openItems(count);
  const settings: DunningSettings = {
    defaultDays: { level1: 7, level2: 14, level3: 14 },
    branchDays: new Map(Array.from({ length: 7 }, (_, b) => [`br_${b}`, { level1: 3 + b, level2: 10, level3: 10 + b }])),
    customers: new Map(Array.from({ length: count / 100 }, (_, c) => [`cus_${c * 10}`, { days: { level1: 30 }, dunningStop: c % 13 === 0 }])),
  };
  for (const run of [1, 2]) {
    const t0 = performance.now();
    const p = dunningPreview(items, settings, { today: '2026-03-31' });
    printFigure(`dunning preview, ${count} open items, whole tenant, run ${run}`, performance.now() - t0, 'ms');
    if (run === 2) console.log(`rows: ${p.rows.length}, held: ${p.held.length}, problems: ${p.problems.length}`);
  }
  const t1 = performance.now();
  dunningPreview(items, settings, { today: '2026-03-31', branchId: 'br_3', level: 2 });
  printFigure('dunning preview, one branch, level 2', performance.now() - t1, 'ms');
  const t2 = performance.now();
  agingReport(items, '2026-03-31');
  printFigure(`aging report, ${count} open items`, performance.now() - t2, 'ms');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchDunning(Number(process.argv[2] ?? 100_000));
