// Helpers every command of a workflow shares: the table's refusal, and the stale-version refusal.
import { canTransition, type Workflow } from '../../../domain/workflows/workflow.js';
import { AppError } from '../../errors.js';

/** Throws 409 invalid_transition, in the workflow's own words, unless the table allows `event` from `from`. */
export function requireTransition<S extends string, E extends string>(workflow: Workflow<S, E>, from: S, event: E): void {
  if (!canTransition(workflow, from, event)) throw new AppError('invalid_transition', workflow.refusal(from, event));
}

/** 409 stale_version: someone else changed the record since it was read. */
export const staleVersion = (detail: string) => new AppError('stale_version', detail);
