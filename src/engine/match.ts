import type { RecflowEvent } from '../events/catalog.js';
import type { CompiledRule } from '../rules/snapshot.js';

/**
 * The rules an event fires, in file order. Pure: the trigger's event, from and to. A
 * pipeline and the rule's `if` need the subject's facts and are checked by the run.
 */
export function rulesFor(rules: readonly CompiledRule[], event: RecflowEvent): CompiledRule[] {
  return rules.filter(({ when }) => {
    if (when.event !== event.type) return false;
    if (event.type !== 'opportunity/status-changed') return true;
    if (when.to && !when.to.includes(event.to)) return false;
    if (when.from && (event.from === null || !when.from.includes(event.from))) return false;
    return true;
  });
}
