import type { ClueCreate } from '../../../domain/selfInspection.js';
import type { Actor } from '../../auth/actor.js';
import type { Db, DisciplineClueRow, OrgUnitRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { can } from '../../policies/index.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { writeAudit } from '../../repositories/audit.js';
import { findClue, insertClue } from '../../repositories/clues.js';

/** The clue if the actor may read it; 404 otherwise, whether it exists or not. */
export async function readableClue(db: Db, actor: Actor, campaign: CampaignRecord, id: number, opts: { forUpdate?: boolean } = {}): Promise<DisciplineClueRow> {
  const row = await findClue(db, campaign.id, id, opts);
  if (!row || !can(actor, 'clue.read', { orgPath: row.org_path })) throw notFound();
  return row;
}

/**
 * Files a clue in the caller's transaction, as received, audited as the clue's: who filed it and
 * where, never the accusation (`link` adds what it came from, e.g. a case transfer).
 */
export async function registerClue(
  trx: Db,
  actor: Actor,
  campaignId: number,
  town: Pick<OrgUnitRow, 'id' | 'path'>,
  input: Omit<ClueCreate, 'townId'>,
  at: string,
  link: Record<string, number> = {},
): Promise<number> {
  const id = await insertClue(trx, { campaignId, townId: town.id, orgPath: town.path, ...input, status: 'received', reportedBy: actor.id, reportedAt: at });
  await writeAudit(trx, { actor, action: 'clue.create', entityType: 'clue', entityId: id, scopePath: town.path, after: { townId: town.id, conduct: input.conduct, source: input.source, ...link } });
  return id;
}
