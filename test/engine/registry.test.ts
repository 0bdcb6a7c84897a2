import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RuleRegistry } from '../../src/engine/registry.js';
import { projectRoot } from '../../src/platform/config.js';

// Hot reload: an edited rule replaces its old version; a broken edit is reported with the
// checker's errors and the last good version stays in force.
describe('rule registry', () => {
  let dir: string;
  let logs: string[];
  let registry: RuleRegistry;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'recflow-rules-'));
    await cp(path.join(projectRoot, 'rules'), dir, { recursive: true });
    logs = [];
    registry = new RuleRegistry(dir, (m) => logs.push(m));
  });
  afterEach(async () => {
    await registry.close();
    await rm(dir, { recursive: true, force: true });
  });

  const file = () => path.join(dir, 'opportunity-won-confirmation.yaml');
  const hashOf = (id: string) => registry.rules().find((r) => r.id === id)?.hash;

  it('keeps the last good version of a broken file and takes the fixed one', async () => {
    expect((await registry.reload()).errors).toEqual([]);
    const good = hashOf('opportunity-won-confirmation');
    const text = await readFile(file(), 'utf8');
    await writeFile(file(), text.replace('action: send-email', 'action: sendemail'));
    const { errors } = await registry.reload();
    expect(errors.map((e) => e.message)).toEqual(['unknown action "sendemail"']);
    expect(logs.join('\n')).toMatch(/✖ steps\[1\]\.action: unknown action "sendemail" → at .*opportunity-won-confirmation\.yaml:11:13/);
    expect(logs.at(-1)).toBe('kept the last good version of opportunity-won-confirmation.yaml');
    expect(hashOf('opportunity-won-confirmation')).toBe(good);
    await writeFile(file(), text.replace('to: accounting', 'to: contact'));
    await registry.reload();
    expect(hashOf('opportunity-won-confirmation')).not.toBe(good);
  });

  it('reloads by itself when a file changes', async () => {
    await registry.reload();
    registry.watch();
    await rm(file());
    await expect.poll(() => hashOf('opportunity-won-confirmation'), { timeout: 5_000 }).toBeUndefined();
    expect(logs.at(-1)).toMatch(/^rules reloaded: \d+ in force$/);
  });
});
