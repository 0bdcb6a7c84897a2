// Vitest global setup, once per run:
// - one PostgreSQL server; test files make their own databases on it (createTestDatabase).
//   A failure to start is handed to the tests that need PostgreSQL (postgresServerUrl)
//   instead of failing every test file.
// - one workflow bundle (bundling costs ~2 s and ~170 MB each time); workers in tests and
//   the processes they spawn load it through RECFLOW_WORKFLOW_BUNDLE.
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWorkflowBundle } from '../../src/platform/bundle.js';
import { projectRoot } from '../../src/platform/config.js';
import { startPostgres } from './postgres.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bundle = await buildWorkflowBundle(path.join(projectRoot, '.data', 'test-build', 'workflow-bundle.js'));
  process.env.RECFLOW_WORKFLOW_BUNDLE = bundle;
  project.provide('workflowBundle', bundle);
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

declare module 'vitest' {
  export interface ProvidedContext {
    workflowBundle: string;
  }
}
