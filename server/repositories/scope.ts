// The one helper through which every list, count, search, dashboard and export is cut to what the
// actor may see: a union of indexed path ranges, never a filter applied after fetching.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { prefixUpperBound } from '../db/dialect.js';
import { prefixesOf, type Actor } from '../auth/actor.js';
import type { Role } from '../../domain/roles.js';

export function inPrefixes(column: string | RawBuilder<unknown>, prefixes: readonly string[]): RawBuilder<SqlBool> {
  if (prefixes.length === 0) return sql<SqlBool>`1 = 0`;
  const ref = typeof column === 'string' ? sql.ref(column) : column;
  const ranges = prefixes.map((p) => sql<SqlBool>`(${ref} >= ${p} and ${ref} < ${prefixUpperBound(p)})`);
  return ranges.length === 1 ? ranges[0] : sql<SqlBool>`(${sql.join(ranges, sql` or `)})`;
}

/** The visibility condition for `actor` over a column holding org-unit paths. */
export function visibleTo(actor: Actor, column: string, roles?: readonly Role[]): RawBuilder<SqlBool> {
  return inPrefixes(column, prefixesOf(actor, roles));
}

/**
 * The visibility condition for rows of one campaign, or null when the actor sees the whole
 * campaign (its scope covers the campaign's root): then the campaign filter alone is exact, and
 * leaving the range out lets the database use the town/status indexes.
 */
export function campaignScope(actor: Actor, column: string | RawBuilder<unknown>, rootPath: string): RawBuilder<SqlBool> | null {
  const prefixes = prefixesOf(actor);
  if (prefixes.some((p) => rootPath.startsWith(p))) return null;
  return inPrefixes(column, prefixes);
}
