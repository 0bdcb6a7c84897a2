// Vitest global setup: one PostgreSQL server for the whole run; test files make their
// own databases on it (createTestDatabase). A failure to start is handed to the tests
// that need PostgreSQL (postgresServerUrl) instead of failing every test file.
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const server = await startPostgres();
    project.provide('postgresUrl', server.url);
    project.provide('postgresError', '');
    return () => server.stop();
  } catch (e) {
    project.provide('postgresUrl', '');
    project.provide('postgresError', (e as Error).message);
    return async () => {};
  }
}
