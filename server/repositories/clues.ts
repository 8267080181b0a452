// Disciplinary clues (违纪线索). Every read of one is audited by the command that reads it.
import type { Kysely } from 'kysely';
import { forUpdate } from '../db/dialect.js';
import type { Database, DisciplineClueRow } from '../db/schema.js';

/** A clue of the campaign (locked for the caller's transaction with `forUpdate`), or undefined. */
export async function findClue(db: Kysely<Database>, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<DisciplineClueRow | undefined> {
  const q = db.selectFrom('discipline_clues').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && row.campaign_id === campaignId ? row : undefined;
}
