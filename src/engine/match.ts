import type { RecflowEvent } from '../events/catalog.js';
import type { CompiledRule, CompiledTrigger } from '../rules/snapshot.js';

/**
 * The rules an event fires, in file order. Pure: the trigger's event and its filters
 * (from/to, kind, days, level). A pipeline and the rule's `if` need the subject's facts
 * and are checked by the run.
 */
export function rulesFor(rules: readonly CompiledRule[], event: RecflowEvent): CompiledRule[] {
  // A schedule event belongs to the one rule whose schedule came due.
  return rules.filter(({ id, when }) => when.event === event.type && (event.type !== 'schedule' || event.ruleId === id) && matches(when, event));
}

function matches(when: CompiledTrigger, event: RecflowEvent): boolean {
  switch (event.type) {
    case 'opportunity/status-changed':
      if (when.to && !when.to.includes(event.to)) return false;
      if (when.from && (event.from === null || !when.from.includes(event.from))) return false;
      return true;
    case 'invoice/issued':
      return !when.kind || when.kind.includes(event.kind);
    case 'invoice/due-soon':
    case 'invoice/overdue':
      return when.days === event.days;
    case 'dunning/level-reached':
      return when.level === undefined || when.level === event.level;
    default:
      return true;
  }
}

/** The day offsets the clock must record events for, from the rules in force. */
export function clockOffsets(rules: readonly CompiledRule[]): { dueSoon: number[]; overdue: number[] } {
  const days = (type: 'invoice/due-soon' | 'invoice/overdue') =>
    [...new Set(rules.filter((r) => r.when.event === type && r.when.days !== undefined).map((r) => r.when.days!))].sort((a, b) => a - b);
  return { dueSoon: days('invoice/due-soon'), overdue: days('invoice/overdue') };
}
