// Matching 100k statement lines against 1M open items (target ≤ 2 s, ≤ 1 GiB on 2
// cores), excluding file parsing, which is timed separately on camt.053, MT940 and CSV
// of the same lines. Runs in a child process so its peak RSS is its own.
// Standalone: tsx bench/matching.ts [lines] [items]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildMatchIndex } from '../src/receivables/matching/index.js';
import { matchWithIndex } from '../src/receivables/matching/match.js';
import { summarise } from '../src/receivables/matching/types.js';
import { BENCH_FORMATS, openItems, statementLines } from './receivables-data.js';
import { benchParsing } from './statement-files.js';
import { median, printFigure } from './report.js';

const ROUNDS = 5;

const self = fileURLToPath(import.meta.url);
const mib = (bytes: number) => bytes / 2 ** 20;

export function benchMatching(lines = 100_000, items = 1_000_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', self, String(lines), String(items)], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`matching bench exited with ${code}`))));
  });
}

async function run(lineCount: number, itemCount: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const t0 = performance.now();
  const items = openItems(itemCount);
  const lines = statementLines(items, lineCount);
  gc();
  const dataHeap = process.memoryUsage().heapUsed;
  printFigure(`generate ${itemCount} open items + ${lineCount} lines`, performance.now() - t0, 'ms');
  printFigure('heap after generating', mib(dataHeap), 'MiB');

  // CPU time next to wall time: on a shared machine wall time includes waiting for a core.
  // The first round is the cold one an import pays; later rounds show the spread.
  const cpu = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) => (to.user - from.user + to.system - from.system) / 1000;
  const rounds: { build: number; buildCpu: number; match: number; matchCpu: number }[] = [];
  let decisions: ReturnType<typeof matchWithIndex> = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r > 0) {
      decisions = [];
      gc();
    }
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    const index = buildMatchIndex(items, BENCH_FORMATS);
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    decisions = matchWithIndex(lines, index);
    const t3 = performance.now();
    const c3 = process.cpuUsage();
    rounds.push({ build: t2 - t1, buildCpu: cpu(c1, c2), match: t3 - t2, matchCpu: cpu(c2, c3) });
    const at = rounds.at(-1)!;
    printFigure(`round ${r + 1}: index + match (wall; cpu ${(at.buildCpu + at.matchCpu).toFixed(0)} ms)`, at.build + at.match, 'ms');
  }
  const mid = (f: (x: (typeof rounds)[number]) => number) => median(rounds.map(f));
  printFigure(`build index (wall, median of ${ROUNDS})`, mid((x) => x.build), 'ms');
  printFigure('build index (cpu, GC threads included)', mid((x) => x.buildCpu), 'ms');
  printFigure(`match ${lineCount} lines (wall)`, mid((x) => x.match), 'ms');
  printFigure(`match ${lineCount} lines (cpu)`, mid((x) => x.matchCpu), 'ms');
  printFigure('index + match (wall)', mid((x) => x.build + x.match), 'ms');
  printFigure('index + match (cpu)', mid((x) => x.buildCpu + x.matchCpu), 'ms');
  printFigure('match throughput', lineCount / (mid((x) => x.match) / 1000), 'lines/s');
  gc();
  printFigure('heap of index and decisions', mib(process.memoryUsage().heapUsed - dataHeap), 'MiB');
  printFigure('peak RSS (whole process, data included)', process.resourceUsage().maxRSS / 1024, 'MiB');
  console.log(`outcome: ${JSON.stringify(summarise(decisions))}`);
  await benchParsing(lines);
}

if (process.argv[1] === self) {
  await run(Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 1_000_000));
}
