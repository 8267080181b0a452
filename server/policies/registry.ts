// The policy registry: small allow rules per action, in the spirit of cancan. Every route names
// the action it checks; `authorize` is the one door, and out-of-scope subjects answer 404.
import type { Actor } from '../auth/actor.js';

type Rule<S> = (actor: Actor, subject: S) => boolean;

const rules = new Map<string, Rule<never>[]>();

export function allow<S>(action: string, rule: Rule<S>): void {
  const list = rules.get(action) ?? [];
  list.push(rule as Rule<never>);
  rules.set(action, list);
}

export function can<S>(actor: Actor, action: string, subject: S): boolean {
  const list = rules.get(action);
  if (!list) throw new Error(`no policy registered for action ${action}`);
  return list.some((rule) => (rule as Rule<S>)(actor, subject));
}

export function registeredActions(): string[] {
  return [...rules.keys()].sort();
}
