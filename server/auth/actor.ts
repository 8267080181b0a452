import type { Role } from '../../domain/roles.js';

/** One role a user holds, with the scope it covers. */
export interface Grant {
  role: Role;
  orgUnitId: number | null;
  orgUnitName: string | null;
  departmentId: number | null;
  departmentCode: string | null;
  departmentName: string | null;
  /** Org-unit path prefixes this grant can read (its scope node, or the liaison's paired towns). */
  readPrefixes: string[];
  /** An `office` grant held by the office director (办公室主任); absent means false. */
  director?: boolean;
}

export interface Actor {
  id: number;
  username: string;
  displayName: string;
  grants: Grant[];
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.grants.some((g) => roles.includes(g.role));
}

export function pathCovered(prefixes: readonly string[], path: string): boolean {
  return prefixes.some((p) => path.startsWith(p));
}

/** Prefixes of the grants with one of `roles` (all grants when none given), with nested ones removed. */
export function prefixesOf(actor: Actor, roles?: readonly Role[]): string[] {
  const all = actor.grants.filter((g) => !roles || roles.includes(g.role)).flatMap((g) => g.readPrefixes);
  const sorted = [...new Set(all)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept;
}

/** Does any grant with one of `roles` cover `path`? */
export function covers(actor: Actor, path: string, roles?: readonly Role[]): boolean {
  return pathCovered(prefixesOf(actor, roles), path);
}

/** Is `path` inside the actor's scope, or an ancestor of it (e.g. the town of a village head)? */
export function reaches(actor: Actor, path: string): boolean {
  const prefixes = prefixesOf(actor);
  return pathCovered(prefixes, path) || prefixes.some((p) => p.startsWith(path));
}

/** Ids of the org units above the actor's scopes, read from the materialised paths. */
export function ancestorIds(actor: Actor): number[] {
  const ids = new Set<number>();
  for (const p of prefixesOf(actor)) {
    const parts = p.split('/').filter(Boolean).map(Number);
    parts.slice(0, -1).forEach((id) => ids.add(id));
  }
  return [...ids];
}
