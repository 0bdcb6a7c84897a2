import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulate, simulationFile } from '../../src/engine/simulate.js';
import { loadConfig, projectRoot } from '../../src/platform/config.js';
import { loadRuleSet } from '../../src/rules/load/index.js';
import type { CompiledRule } from '../../src/rules/snapshot.js';

// `recflow rules simulate` on the shipped examples (rules/simulations/): real activities,
// throwaway database and mail folder, 28 days in a few seconds.
let rules: CompiledRule[];
beforeAll(async () => {
  rules = (await loadRuleSet({ dir: path.join(projectRoot, 'rules') })).rules;
});

const run = async (ruleId: string, file: string) => {
  const text = await readFile(path.join(projectRoot, 'rules', 'simulations', file), 'utf8');
  const { lines } = await simulate(loadConfig(), rules.find((r) => r.id === ruleId)!, simulationFile.parse(parse(text)));
  return lines;
};

describe('rules simulate', () => {
  it('prints the reminder timeline when the customer never pays', async () => {
    expect(await run('enrolment-payment-reminders', 'enrolled-never-pays.yaml')).toEqual([
      'day 0   09:00  fired: opportunity new → enrolled',
      'day 14  09:00  wait for the payment: nothing arrived in time',
      'day 14  09:00  reminder 1: emailed ana@example.ro, contabilitate@example.ro',
      'day 21  09:00  wait for the payment after reminder 1: nothing arrived in time',
      'day 21  09:00  reminder 2: emailed ana@example.ro, contabilitate@example.ro',
      'day 28  09:00  wait for the payment after reminder 2: nothing arrived in time',
      'day 28  09:00  tell the owner: emailed owner@example.com',
      'day 28  09:00  run completed after 6 step(s)',
    ]);
  });

  it('stops at the payment when it comes after the first reminder', async () => {
    const lines = await run('enrolment-payment-reminders', 'enrolled-pays-after-reminder.yaml');
    expect(lines.slice(3)).toEqual([
      'day 17  09:00  the opportunity moves enrolled → paid',
      'day 17  09:00  wait for the payment after reminder 1: received opportunity/status-changed demo-opportunity:sim-2',
      'day 17  09:00  run stopped after 3 step(s)',
    ]);
  });
});
