import os from 'node:os';

/**
 * Prints one figure per line: `name: value unit (load x.xx)`, easy to read and to grep.
 * The 1-minute load average goes with every figure: on a shared machine a figure means
 * little without it.
 */
export function printFigure(name: string, value: number, unit: string): void {
  const shown = value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2);
  console.log(`${name}: ${shown} ${unit} (load ${os.loadavg()[0]!.toFixed(2)})`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall and CPU milliseconds (this process, all threads) of one call. */
export async function measure(fn: () => unknown): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}
