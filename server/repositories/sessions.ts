// Server-side sessions in the database, so several app instances share them. The cookie carries a
// random token; only its SHA-256 is stored, so a leaked database does not leak live sessions.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

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

/** The session's user, when the session is neither expired nor idle too long. One indexed lookup. */
export async function findSessionUser(db: Kysely<Database>, token: string, idleMinutes: number) {
  const now = new Date();
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as session_id', 's.last_seen_at', 's.expires_at', 'u.id', 'u.username', 'u.display_name', 'u.active'])
    .where('s.id', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.active !== 1) return undefined;
  const idleLimit = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  if (row.expires_at <= now.toISOString() || row.last_seen_at <= idleLimit) {
    await db.deleteFrom('sessions').where('id', '=', row.session_id).execute();
    return undefined;
  }
  // Touch at most once a minute, so reads stay reads.
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000)
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', row.session_id).execute();
  return row;
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}
