import type { RuleRunResult, StepRecord } from '../../workflows/types.js';

/** One line of a simulated run: when (relative to the firing) and what happened, in words. */
export interface TimelineEntry {
  ms: number;
  text: string;
}

/**
 * Day and time relative to the firing, which the timeline places at 09:00 on day 0.
 * @example when(26 * 3_600_000) // 'day 1   11:00'
 */
export function when(ms: number): string {
  const minutes = Math.round(ms / 60_000) + 9 * 60;
  const day = Math.floor(minutes / 1440);
  const clock = `${String(Math.floor((minutes % 1440) / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${`day ${day}`.padEnd(7)} ${clock}`;
}

export function describeStep(s: StepRecord): string {
  switch (s.outcome) {
    case 'done':
      return s.note && s.note !== s.label ? `${s.label}: ${s.note}` : s.label;
    case 'skipped':
      return `${s.label}: skipped (its condition was false)`;
    case 'timed-out':
      return `${s.label}: nothing arrived in time`;
    case 'received':
      return `${s.label}: received ${s.note ?? ''}`.trimEnd();
    case 'approved':
    case 'rejected':
      return `${s.label}: ${s.note ?? s.outcome}`;
    case 'stopped':
      return s.note ? `stopped: ${s.note}` : 'stopped';
  }
}

/** The whole run as a business owner reads it. `startMs` is the workflow time of the firing. */
export function timeline(startMs: number, fired: string, result: RuleRunResult, extra: TimelineEntry[] = []): string[] {
  const entries: TimelineEntry[] = [
    { ms: 0, text: fired },
    ...extra,
    ...result.steps.map((s) => ({ ms: Date.parse(s.at) - startMs, text: describeStep(s) })),
  ];
  const last = entries.reduce((m, e) => Math.max(m, e.ms), 0);
  const end =
    result.status === 'skipped' ? 'run skipped: the rule’s if: is false for this subject' : `run ${result.status} after ${result.steps.length} step(s)`;
  entries.push({ ms: last, text: end });
  return entries.sort((a, b) => a.ms - b.ms).map((e) => `${when(e.ms)}  ${e.text}`);
}
