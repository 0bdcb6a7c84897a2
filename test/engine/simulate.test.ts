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

  it('simulates a rule an invoice fires: overdue, never paid', async () => {
    const lines = await run('invoice-reminders', 'invoice-never-paid.yaml');
    expect(lines[0]).toMatch(/^day 0   09:00  fired: invoice\/overdue for INV-\d{4}-0001 \(due \d{4}-\d{2}-\d{2}\)$/);
    expect(lines.slice(1)).toEqual([
      'day 0   09:00  reminder 1: emailed ana@example.ro, contabilitate@example.ro',
      'day 7   09:00  wait for the payment after reminder 1: nothing arrived in time',
      'day 7   09:00  reminder 2: emailed ana@example.ro, contabilitate@example.ro',
      'day 14  09:00  wait for the payment after reminder 2: nothing arrived in time',
      'day 14  09:00  tell the owner: emailed owner@example.com',
      'day 14  09:00  run completed after 5 step(s)',
    ]);
  });

  it('pays the invoice through the invoicing service; its invoice/paid event ends the reminders', async () => {
    const lines = await run('invoice-reminders', 'invoice-paid-after-reminder.yaml');
    expect(lines.slice(1, 3)).toEqual(['day 0   09:00  reminder 1: emailed ana@example.ro, contabilitate@example.ro', expect.stringMatching(/^day 3   09:00  INV-\d{4}-0001 paid in full$/)]);
    expect(lines[3]).toMatch(/^day 3   09:00  wait for the payment after reminder 1: received invoice\/paid invoice:.+:paid$/);
    expect(lines[4]).toBe('day 3   09:00  run stopped after 2 step(s)');
  });
});
