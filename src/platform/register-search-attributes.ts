import type { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes.js';
import { SEARCH_ATTRIBUTES } from './search-attributes.js';

export interface RegisterResult {
  added: string[];
  existing: string[];
}

/**
 * Adds recflow's custom search attributes to a namespace of an existing cluster.
 * Idempotent: attributes already there with the right type are skipped; one there with
 * another type is an error (Temporal cannot change an attribute's type).
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<RegisterResult> {
  const current = await listCustom(connection, namespace);
  const added: string[] = [];
  const existing: string[] = [];
  const missing: Record<string, number> = {};
  for (const { name, type } of SEARCH_ATTRIBUTES) {
    const wanted = indexedType(type);
    const have = current.get(name);
    if (have === undefined) {
      missing[name] = wanted;
      added.push(name);
    } else if (have === wanted) {
      existing.push(name);
    } else {
      throw new Error(
        `Search attribute ${name} exists in namespace "${namespace}" with another type (${have}), recflow needs ${type}. ` +
          'Remove it (temporal operator search-attribute remove) or use another namespace.',
      );
    }
  }
  if (added.length > 0) {
    try {
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
    } catch (err) {
      // Another process may have added them meanwhile: fine if they are all there now.
      const after = await listCustom(connection, namespace);
      if (!added.every((name) => after.get(name) === missing[name])) {
        throw new Error(`Adding search attributes ${added.join(', ')} to "${namespace}" failed: ${(err as Error).message}`);
      }
    }
  }
  return { added, existing };
}

async function listCustom(connection: Connection, namespace: string): Promise<Map<string, number>> {
  const response = await connection.operatorService.listSearchAttributes({ namespace });
  return new Map(Object.entries(response.customAttributes ?? {}).map(([name, type]) => [name, Number(type)]));
}

function indexedType(type: (typeof SEARCH_ATTRIBUTES)[number]['type']): number {
  const value = encodeSearchAttributeIndexedValueType(type);
  if (value === undefined) throw new Error(`unknown search attribute type ${type}`);
  return Number(value);
}
