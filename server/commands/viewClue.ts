// 查阅违纪线索: reading one clue is itself recorded — the view is written to the audit log in the
// same transaction that reads it, under the clue and never under a workshop it may name.
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import type { DisciplineClueRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { authorize, clueSubject } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { readableClue } from './lib/clue.js';

export async function viewClue(ctx: AppContext, actor: Actor, input: { id: number }): Promise<DisciplineClueRow> {
  const campaign = await currentCampaign(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const row = await readableClue(trx, actor, campaign, input.id);
    authorize(actor, 'clue.read', clueSubject(row));
    await writeAudit(trx, { actor, action: 'clue.view', entityType: 'clue', entityId: input.id, scopePath: row.org_path });
    return row;
  });
}
