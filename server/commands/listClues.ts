// 违纪线索列表: the clues the actor may see, cut in SQL to their clue grants' prefixes. Listing them
// is recorded in the audit log (the filter and the ids shown) in the same transaction.
import type { ClueListQuery } from '../../domain/selfInspection.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import type { DisciplineClueRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { authorize, cluePrefixes } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findClues } from '../repositories/clues.js';
import { resolveUnitFilter } from '../repositories/unitFilter.js';

export async function listClues(ctx: AppContext, actor: Actor, input: ClueListQuery): Promise<{ rows: DisciplineClueRow[]; total: number }> {
  // Users who may never see clues get 404, as if there were none to list.
  authorize(actor, 'clue.list', null, 'clue.list');
  const campaign = await currentCampaign(ctx.db);
  const { town, status, q, page, pageSize } = input;
  const units = await resolveUnitFilter(ctx.db, actor, town, undefined);
  // A town out of sight (or unknown) shows nothing, and nothing was shown to record.
  if (units === 'none') return { rows: [], total: 0 };
  const filter = { townId: units.townId, status, q, page, pageSize };
  return inTransaction(ctx.db, async (trx) => {
    const { rows, total } = await findClues(trx, campaign.id, cluePrefixes(actor), filter);
    await writeAudit(trx, { actor, action: 'clue.list', entityType: 'clue', entityId: 'list', after: { filter, ids: rows.map((r) => r.id) } });
    return { rows, total };
  });
}
