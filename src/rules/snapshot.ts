// The compiled rule: what travels with every run. Plain data, pure types; the workflow
// bundle imports this module, so no Node built-ins and no zod here.
import type { EventType } from '../events/catalog.js';
import type { CompiledCondition } from './conditions/types.js';
import type { DocumentVariant, EmailVariant, Language } from './schema/template.js';
import type { Duration } from './words.js';

export type Mode = 'single' | 'restart' | 'queued' | 'parallel';
export type Recipient = 'contact' | 'accounting' | 'owner';
export type Then = 'continue' | 'stop';

export interface CompiledTrigger {
  event: EventType;
  from?: string[];
  to?: string[];
  pipeline?: string;
  /** invoice/issued: only these stored kinds (proforma, final, credit_note). */
  kind?: string[];
  /** invoice/due-soon (in) and invoice/overdue (by), in whole days. */
  days?: number;
  /** dunning/level-reached: only this level. */
  level?: number;
  /** schedule: every N months on a day at a time (tenant time), or a cron expression. */
  schedule?: { everyMonths?: number; day?: number; at?: string; cron?: string };
}

/** A date to wait until: a date fact or a fixed date, shifted by a duration. */
export interface DateExpr {
  fact?: string;
  date?: string;
  shift: Duration;
  sign: 1 | -1;
  text: string;
}

interface StepBase {
  /** What the UI and the timeline call this step. */
  label: string;
  if?: CompiledCondition;
}

export type CompiledStep = StepBase &
  (
    | { action: 'create-invoice'; kind: 'proforma' | 'final' | 'final-from-proforma'; dueIn?: Duration; as: string }
    | { action: 'mark-paid' }
    | { action: 'cancel-invoice'; reason?: string }
    | { action: 'render-document'; template: string; as: string }
    | { action: 'render-report'; report: 'aging'; as: string }
    | { action: 'send-email'; template: string; to: Recipient[]; attach: string[]; draft?: boolean }
    | { action: 'notify-owner'; template: string }
    | { action: 'update-opportunity'; status?: string; fields?: Record<string, string | number | boolean> }
    | { action: 'update-customer'; fields?: Record<string, string | number | boolean>; service?: 'active' | 'suspended' }
    | { action: 'start-recurring'; everyMonths: number; day?: number; at?: string }
    | { action: 'stop-recurring' }
    | { action: 'wait'; for?: Duration; until?: DateExpr }
    | { action: 'wait-for-event'; event: EventType; to?: string[]; within: Duration; then: Then; otherwise: Then }
    | { action: 'require-approval'; within?: Duration; otherwise: Then; message?: string }
    | { action: 'call-webhook'; url: string; method: 'POST' | 'PUT' }
    | { action: 'stop'; reason?: string }
  );

export type CompiledAction = CompiledStep['action'];

export type CompiledTemplate =
  | { kind: 'email'; variants: Partial<Record<Language, EmailVariant>> & { en: EmailVariant } }
  | { kind: 'document'; variants: Partial<Record<Language, DocumentVariant>> & { en: DocumentVariant } };

/** The one object a run receives besides the event. */
export interface CompiledRule {
  id: string;
  /** Content hash of everything below: rule and the templates it uses. */
  hash: string;
  /** The file it came from, relative to the rules folder. */
  file: string;
  description?: string;
  mode: Mode;
  when: CompiledTrigger;
  if?: CompiledCondition;
  steps: CompiledStep[];
  templates: Record<string, CompiledTemplate>;
}

/** The variant for a customer's language (de-AT → de), else English. */
export function variantFor<T>(variants: Partial<Record<Language, T>> & { en: T }, language: string): T {
  const base = language.toLowerCase().split(/[-_]/)[0] as Language;
  return variants[base] ?? variants.en;
}
