import { z } from 'zod';
import { ruleFile } from './schema/rule.js';
import { templateFile } from './schema/template.js';

/** Bump when a published schema changes incompatibly; editors cache by $id. */
export const SCHEMA_VERSION = 1;

/**
 * The JSON Schemas editors use (yaml-language-server), generated from the zod source:
 * rules/schema.json and rules/templates/schema.json. A test fails when the committed
 * files drift; `recflow rules schema` rewrites them.
 */
export function jsonSchemas(): { file: string; schema: object }[] {
  return [
    { file: 'schema.json', schema: withId(z.toJSONSchema(ruleFile, { target: 'draft-07', io: 'input' }), 'rule') },
    { file: 'templates/schema.json', schema: withId(z.toJSONSchema(templateFile, { target: 'draft-07', io: 'input' }), 'template') },
  ];
}

function withId(schema: object, name: string): object {
  const { $schema, ...rest } = schema as Record<string, unknown>;
  return { $schema, $id: `https://recflow.dev/schema/v${SCHEMA_VERSION}/${name}.json`, ...rest };
}

export function schemaText(schema: object): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
