import type { Actor } from '../../auth/actor.js';
import type { Db, DisciplineClueRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { can } from '../../policies/index.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { findClue } from '../../repositories/clues.js';

/** The clue if the actor may read it; 404 otherwise, whether it exists or not. */
export async function readableClue(db: Db, actor: Actor, campaign: CampaignRecord, id: number, opts: { forUpdate?: boolean } = {}): Promise<DisciplineClueRow> {
  const row = await findClue(db, campaign.id, id, opts);
  if (!row || !can(actor, 'clue.read', { orgPath: row.org_path })) throw notFound();
  return row;
}
