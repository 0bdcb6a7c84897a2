import { describe, expect, it } from 'vitest';
import { timeline, when } from '../../src/engine/timeline.js';

const H = 3_600_000;
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

describe('the timeline a business owner reads', () => {
  it.each([
    [0, 'day 0   09:00'],
    [2 * H + 30 * 60_000, 'day 0   11:30'],
    [15 * H, 'day 1   00:00'],
    [17 * 24 * H, 'day 17  09:00'],
    [120 * 24 * H, 'day 120 09:00'],
  ])('%i ms after the firing is %s', (ms, text) => expect(when(ms)).toBe(text));

  it('orders firing, outside events and steps; says how the run ended', () => {
    const lines = timeline(Date.parse(at(0)), 'fired: opportunity new → won', {
      status: 'stopped',
      ruleId: 'r',
      ruleHash: 'h',
      documents: [],
      emails: [],
      steps: [
        { index: 0, label: 'wait for approval', outcome: 'approved', note: 'approved by maria', at: at(24 * H) },
        { index: 1, label: 'email order-confirmation-mail to contact', outcome: 'skipped', at: at(24 * H) },
        { index: 2, label: 'stop', outcome: 'stopped', at: at(24 * H) },
      ],
    }, [{ ms: 24 * H, text: 'maria approves' }]);
    expect(lines).toEqual([
      'day 0   09:00  fired: opportunity new → won',
      'day 1   09:00  maria approves',
      'day 1   09:00  wait for approval: approved by maria',
      'day 1   09:00  email order-confirmation-mail to contact: skipped (its condition was false)',
      'day 1   09:00  stopped',
      'day 1   09:00  run stopped after 3 step(s)',
    ]);
  });
});
