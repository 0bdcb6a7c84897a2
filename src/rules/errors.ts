// Rule errors have one fixed shape, whichever stage finds them.

export const ERROR_CODES = {
  yaml: 'the file is not valid YAML',
  schema: 'a value has the wrong shape or type',
  unknownKey: 'a key the format does not have',
  unknownAction: 'an action name the format does not have',
  unknownEvent: 'an event name the catalog does not have',
  duplicateId: 'two rules share an id',
  unknownTemplate: 'a template that rules/templates/ does not have',
  wrongTemplateKind: 'an email template used for a document or the other way round',
  templateVariable: 'a {{placeholder}} that names no fact',
  unknownStatus: 'a status the pipelines file does not list',
  unreachableStep: 'a step after an unconditional stop',
  notAvailable: 'an action, trigger or fact declared but not built yet',
  badCondition: 'a comparison that cannot be read',
  badStep: 'a step whose options contradict each other',
  unknownDocument: 'an attachment no earlier step renders',
} as const;
export type RuleErrorCode = keyof typeof ERROR_CODES;

export interface RuleError {
  code: RuleErrorCode;
  file: string;
  line: number;
  col: number;
  /** Where in the file's data, e.g. steps[1].action; empty for the whole file. */
  path: string;
  /** What is wrong. */
  message: string;
  /** What would be right. */
  fix: string;
}

/**
 * One error for a person:
 * `✖ steps[1].action: unknown action "sendemail" → at rules/a.yaml:9:13` and a fix line.
 */
export function renderError(e: RuleError): string {
  const where = e.path ? `${e.path}: ` : '';
  return `✖ ${where}${e.message} → at ${e.file}:${e.line}:${e.col}\n    fix: ${e.fix}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** Thrown by loaders that must not go on with a broken rule set. */
export class RuleSetError extends Error {
  constructor(readonly errors: RuleError[]) {
    super(`${errors.length} error(s) in the rules:\n${errors.map(renderError).join('\n')}`);
  }
}
