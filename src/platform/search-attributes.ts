// The custom search attributes recflow puts on every rule run, so operators can find runs
// in the Temporal UI (`RuleId="overdue-reminders"`) and the API can list them.
// Workflow code imports this module: keep it free of Node and IO imports.
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';

/** The SDK's key type (not exported from the package root). */
export type SearchAttributeKey<T extends SearchAttributeType> = ReturnType<typeof defineSearchAttributeKey<T>>;

export const SEARCH_ATTRIBUTES = [
  { name: 'RuleId', type: SearchAttributeType.KEYWORD },
  { name: 'RuleHash', type: SearchAttributeType.KEYWORD },
  { name: 'CustomerId', type: SearchAttributeType.KEYWORD },
  { name: 'InvoiceNumber', type: SearchAttributeType.KEYWORD },
  { name: 'OpportunityId', type: SearchAttributeType.KEYWORD },
  { name: 'DunningLevel', type: SearchAttributeType.INT },
  { name: 'SubjectId', type: SearchAttributeType.KEYWORD },
] as const;

type Definition = (typeof SEARCH_ATTRIBUTES)[number];
export type SearchAttributeName = Definition['name'];

/** Value type per attribute: string for Keyword, number for Int. */
type ValueOf<T> = T extends 'INT' ? number : string;
export type SearchAttributeValues = { [D in Definition as D['name']]: ValueOf<D['type']> };

/** Typed keys for `typedSearchAttributes` at start and `upsertSearchAttributes` in workflows. */
export const searchAttributeKeys = Object.fromEntries(
  SEARCH_ATTRIBUTES.map((d) => [d.name, defineSearchAttributeKey(d.name, d.type)]),
) as { [D in Definition as D['name']]: SearchAttributeKey<D['type']> };

/** Pairs for the attributes that have a value; undefined ones are left out. */
export function searchAttributePairs(values: Partial<SearchAttributeValues>): SearchAttributePair[] {
  const pairs: SearchAttributePair[] = [];
  for (const { name } of SEARCH_ATTRIBUTES) {
    const value = values[name];
    if (value === undefined) continue;
    pairs.push({ key: searchAttributeKeys[name], value } as SearchAttributePair);
  }
  return pairs;
}
