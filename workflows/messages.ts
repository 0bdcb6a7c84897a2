// Signals, queries and updates shared by the interpreter and its clients (API, CLI, tests).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { RecflowEvent } from '../src/events/catalog.js';
import type { CompiledRule } from '../src/rules/snapshot.js';
import type { ApprovalDecision, RuleRunProgress } from './types.js';

/** Current step, steps done and what the run waits for. */
export const progressQuery = defineQuery<RuleRunProgress>('progress');

/** Decisions taken, by decision id: a repeat after the run ended gets the same answer. */
export const decisionsQuery = defineQuery<Record<string, { accepted: boolean; step: number }>>('decisions');

/** An event about the run's subject (payment, status change), de-duplicated by event id. */
export const eventSignal = defineSignal<[RecflowEvent]>('event');

/** Queued mode: a new firing for the same subject, run after the current one. */
export const enqueueSignal = defineSignal<[{ rule: CompiledRule; event: RecflowEvent }]>('enqueue');

/** Releases or rejects a require-approval step; rejected when no approval is pending. */
export const approveUpdate = defineUpdate<{ accepted: boolean; step: number }, [ApprovalDecision]>('approve');
