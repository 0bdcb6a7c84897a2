import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/platform/config.js';
import { jsonSchemas, schemaText } from '../../src/rules/json-schema.js';
import { withReference } from '../../src/rules/reference.js';

// The editors' JSON Schemas are generated from the zod source; a change to the format
// without `node bin/recflow.mjs rules schema` fails here.
describe('rules/schema.json', () => {
  it.each(jsonSchemas().map((s) => [s.file, s.schema] as const))('%s matches the zod source', async (file, schema) => {
    const committed = await readFile(path.join(projectRoot, 'rules', file), 'utf8');
    expect(committed, 'run `node bin/recflow.mjs rules schema` and commit the result').toBe(schemaText(schema));
  });

  it('docs/rules.md has the reference generated from the source', async () => {
    const doc = await readFile(path.join(projectRoot, 'docs', 'rules.md'), 'utf8');
    expect(doc, 'run `node bin/recflow.mjs rules schema` and commit the result').toBe(withReference(doc));
  });

  it('is referenced by every shipped rule and template', async () => {
    const { readdir } = await import('node:fs/promises');
    for (const dir of ['rules', 'rules/templates']) {
      for (const name of (await readdir(path.join(projectRoot, dir))).filter((n) => n.endsWith('.yaml') && n !== 'pipelines.yaml')) {
        const text = await readFile(path.join(projectRoot, dir, name), 'utf8');
        expect(text.split('\n')[0], `${dir}/${name}`).toBe('# yaml-language-server: $schema=./schema.json');
      }
    }
  });
});
