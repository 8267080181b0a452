// Server-side sessions in the database, so several app instances share them. The cookie carries a
// random token; only its SHA-256 is stored, so a leaked database does not leak live sessions.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import type { CampaignRecord } from './campaigns.js';
import { buildActor, GRANT_COLUMNS } from './users.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Kysely<Database>, userId: number, maxDays: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + maxDays * 86_400_000).toISOString(),
    })
    .execute();
  return token;
}

/**
 * The session's actor, when the session is neither expired nor idle too long: the session, the
 * user and their roles in one indexed query (plus one for a liaison's paired towns).
 */
export async function findSessionActor(db: Kysely<Database>, token: string, idleMinutes: number, campaign: CampaignRecord): Promise<Actor | undefined> {
  const now = new Date();
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('role_assignments as ra', 'ra.user_id', 'u.id')
    .leftJoin('org_units as ou', 'ou.id', 'ra.org_unit_id')
    .leftJoin('departments as d', 'd.id', 'ra.department_id')
    .select(['s.id as session_id', 's.last_seen_at', 's.expires_at', 'u.id', 'u.username', 'u.display_name', 'u.active', ...GRANT_COLUMNS])
    .where('s.id', '=', hashToken(token))
    .orderBy('ra.id')
    .execute();
  const first = rows[0];
  if (!first || first.active !== 1) return undefined;
  const idleLimit = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  if (first.expires_at <= now.toISOString() || first.last_seen_at <= idleLimit) {
    await db.deleteFrom('sessions').where('id', '=', first.session_id).execute();
    return undefined;
  }
  // Touch at most once a minute, so reads stay reads.
  if (now.getTime() - Date.parse(first.last_seen_at) > 60_000)
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', first.session_id).execute();
  return buildActor(db, first, rows, campaign);
}

/**
 * A few seconds' memory of resolved sessions, so that a page firing several requests at once does
 * not resolve the same session each time (on PostgreSQL that is a round trip before every query).
 * Logging out here forgets at once; a logout or role change made through another instance is
 * honoured within the TTL.
 */
export class SessionActorCache {
  private readonly entries = new Map<string, { at: number; actor: Actor }>();
  constructor(private readonly ttlMs: number) {}

  async resolve(db: Kysely<Database>, token: string, idleMinutes: number, campaign: CampaignRecord): Promise<Actor | undefined> {
    const key = hashToken(token);
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.actor;
    const actor = await findSessionActor(db, token, idleMinutes, campaign);
    if (!actor) {
      this.entries.delete(key);
      return undefined;
    }
    if (this.ttlMs > 0) {
      if (this.entries.size >= 10_000) this.entries.clear();
      this.entries.set(key, { at: Date.now(), actor });
    }
    return actor;
  }

  forget(token: string): void {
    this.entries.delete(hashToken(token));
  }
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

/** Ends every session of a user (on every instance; a cached one within its few seconds); how many there were. */
export async function deleteUserSessions(db: Kysely<Database>, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
