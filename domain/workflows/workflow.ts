// The one form every workflow takes: a record's statuses, and the named events that move it from
// one status to another. A workflow is a table, not code: the server applies an event only through
// a command that re-checks the table (server/commands/), the policies read it for state-dependent
// rules, and the browser reads it to label things, never to decide them. A new stage of the
// campaign adds its table beside the others in this folder.

export interface Transition<S extends string, E extends string> {
  event: E;
  from: readonly S[];
  to: S;
}

export interface Workflow<S extends string, E extends string> {
  /** What the records are, for messages (e.g. '企业', '线索'). */
  subject: string;
  statuses: readonly S[];
  events: readonly E[];
  transitions: readonly Transition<S, E>[];
  /** Why `event` cannot happen to a record in status `from`, for the person who tried (zh-CN). */
  refusal(from: S, event: E): string;
}

export function defineWorkflow<S extends string, E extends string>(w: Workflow<S, E>): Workflow<S, E> {
  for (const t of w.transitions)
    for (const s of [...t.from, t.to]) if (!w.statuses.includes(s)) throw new Error(`workflow ${w.subject}: unknown status ${s}`);
  return w;
}

/** The transition `event` takes from `from`, if the table has one. */
export function findTransition<S extends string, E extends string>(w: Workflow<S, E>, from: S, event: E): Transition<S, E> | undefined {
  return w.transitions.find((t) => t.event === event && t.from.includes(from));
}

export function canTransition<S extends string, E extends string>(w: Workflow<S, E>, from: S, event: E): boolean {
  return findTransition(w, from, event) !== undefined;
}

/** Applies events in order; throws on one the table does not allow. */
export function applyEvents<S extends string, E extends string>(w: Workflow<S, E>, status: S, events: readonly E[]): S {
  let current = status;
  for (const event of events) {
    const t = findTransition(w, current, event);
    if (!t) throw new Error(`transition ${event} not allowed from ${current}`);
    current = t.to;
  }
  return current;
}

/** Every `from→to` pair the table allows, for tests and documentation. */
export function transitionPairs<S extends string, E extends string>(w: Workflow<S, E>): string[] {
  return w.transitions.flatMap((t) => t.from.map((f) => `${f}→${t.to}`));
}
