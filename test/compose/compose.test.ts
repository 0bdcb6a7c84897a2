import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENV_VARS, loadConfig, projectRoot } from '../../src/platform/config.js';

// No Docker engine runs here: this checks what can be checked without one.
const compose = parse(readFileSync(path.join(projectRoot, 'docker-compose.yml'), 'utf8'), { merge: true });
const services = compose.services as Record<string, any>;
const defaults = loadConfig({});

function hostPorts(service: string): Record<number, number> {
  return Object.fromEntries(
    (services[service].ports as string[]).map((p) => {
      const [host, container] = p.split(':').map(Number);
      return [container, host];
    }),
  );
}

describe('docker-compose.yml', () => {
  it('has the production-like stack', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'db', 'mailpit', 'setup', 'temporal', 'temporal-db', 'temporal-ui', 'worker'].sort(),
    );
    expect(services.worker.build).toBe('.');
    expect(services.api.build).toBe('.');
  });

  it('publishes the same host ports as the embedded defaults', () => {
    expect(hostPorts('temporal')[7233]).toBe(defaults.temporal.devServerPort);
    expect(hostPorts('temporal-ui')[8080]).toBe(defaults.temporal.uiPort);
    expect(hostPorts('api')[Number(services.api.environment.PORT)]).toBe(defaults.api.port);
  });

  it('sets only variables recflow reads, and they point at compose services', () => {
    for (const name of ['worker', 'api', 'setup']) {
      const env = services[name].environment as Record<string, string>;
      for (const key of Object.keys(env)) expect(ENV_VARS, `${name}: ${key}`).toContain(key);
      const config = loadConfig(env);
      expect(config.databaseKind).toBe('postgresql');
      const db = new URL(config.databaseUrl);
      expect(services[db.hostname], `DATABASE_URL host ${db.hostname}`).toBeDefined();
      expect(services[db.hostname].environment.POSTGRES_USER).toBe(db.username);
      expect(services[db.hostname].environment.POSTGRES_PASSWORD).toBe(db.password);
      expect(services[db.hostname].environment.POSTGRES_DB).toBe(db.pathname.slice(1));
      const [temporalHost, temporalPort] = config.temporal.address!.split(':');
      expect(services[temporalHost!]).toBeDefined();
      expect(hostPorts(temporalHost!)[Number(temporalPort)]).toBeDefined();
      const smtp = new URL(config.smtpUrl!);
      expect(hostPorts(smtp.hostname)[Number(smtp.port)]).toBeDefined();
    }
  });

  it('the README documents every variable recflow reads', () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    for (const name of ENV_VARS) expect(readme, name).toContain(`\`${name}\``);
  });
});
