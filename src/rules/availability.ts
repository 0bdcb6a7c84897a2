import type { EventType } from '../events/catalog.js';
import type { ActionName } from './schema/actions.js';

/**
 * What is declared in the format but not built yet, and what it waits for. `rules check`
 * reports a rule using one of these as an error until the feature lands and the entry
 * is removed here.
 */
export const ACTION_PENDING: Partial<Record<ActionName, string>> = {
};

export const TRIGGER_PENDING: Partial<Record<EventType, string>> = {
};
