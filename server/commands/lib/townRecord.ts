// A town's mobilisation records (its leading body, its publicity log): who may write them, and
// removing one. Shared by the mobilisation commands.
import { covers, type Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { OrgUnitRow } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { notFound } from '../../errors.js';
import { authorize } from '../../policies/index.js';
import { writeAudit } from '../../repositories/audit.js';
import { currentCampaign, type CampaignRecord } from '../../repositories/campaigns.js';
import { deleteTownRecord, findTownRecord, type MobilisationTable } from '../../repositories/mobilisation.js';
import { findOrgUnit } from '../../repositories/orgUnits.js';
import { townInScope } from './town.js';

/** The current campaign and the town a new record names: 400 when out of scope, 403 when the actor may not write it. */
export async function writableTown(ctx: AppContext, actor: Actor, townId: number): Promise<{ campaign: CampaignRecord; town: OrgUnitRow }> {
  const campaign = await currentCampaign(ctx.db);
  const town = await townInScope(ctx.db, actor, campaign, townId);
  authorize(actor, 'mobilisation.write', { orgPath: town.path });
  return { campaign, town };
}

/** Deletes one row the actor may write, audited with the whole row; 404 when it is outside the scope. */
export async function removeTownRecord(ctx: AppContext, actor: Actor, table: MobilisationTable, id: number, action: string): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  const row = await findTownRecord(ctx.db, table, campaign.id, id);
  const town = row ? await findOrgUnit(ctx.db, row.town_id) : undefined;
  if (!row || !town || !covers(actor, town.path)) throw notFound();
  authorize(actor, 'mobilisation.write', { orgPath: town.path });
  await inTransaction(ctx.db, async (trx) => {
    await deleteTownRecord(trx, table, id);
    await writeAudit(trx, { actor, action, entityType: table, entityId: id, scopePath: town.path, before: row });
  });
}
