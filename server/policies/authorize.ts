// The one door every check passes: a route, a command, the CLI and a job runner all call
// authorize(actor, action, subject). Out of scope answers 404 (the subject's existence does not
// leak), in scope but not allowed 403. Each action checked is remembered against the actor object,
// so that the HTTP layer can refuse to answer a request whose handler never checked the action its
// route declares (plugins/auth.ts); each request gets its own actor object for that reason.
import type { Actor } from '../auth/actor.js';
import { forbidden, notFound } from '../errors.js';
import { can } from './registry.js';

const checked = new WeakMap<Actor, Set<string>>();

/**
 * Throws unless `actor` may do `action` to `subject`: 404 when `readAction` is given and the actor
 * may not even read the subject (or when no `readAction` is given and `action` is itself a read
 * that fails: pass the same action twice), else 403.
 */
export function authorize<S>(actor: Actor, action: string, subject: S, readAction?: string): void {
  const actions = checked.get(actor) ?? new Set<string>();
  checked.set(actor, actions.add(action));
  if (can(actor, action, subject)) return;
  if (readAction && !can(actor, readAction, subject)) throw notFound();
  throw forbidden();
}

/** Whether authorize() was called for this actor object with `action` (whatever it decided). */
export function wasAuthorized(actor: Actor, action: string): boolean {
  return checked.get(actor)?.has(action) ?? false;
}
