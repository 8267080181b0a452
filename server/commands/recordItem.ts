// 记录取缔标准项: records one standard item (done, or not applicable with a reason) and moves the
// workshop along the workflow when that completes a step. An item is done only with its evidence
// on file (domain/evidence.ts); the rule itself is lib/item.ts, shared with a department's confirmation.
import type { ItemRecord } from '../../domain/enterprise.js';
import type { Status } from '../../domain/status.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../errors.js';
import { authorize, dutyGrants, itemSubject } from '../policies/index.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { applyItemRecord, requireItemsEditable } from './lib/item.js';
import { loadWorkshopForChange } from './lib/workshop.js';

export async function recordItem(ctx: AppContext, actor: Actor, input: { id: number; itemCode: string; record: ItemRecord }): Promise<{ status: Status }> {
  const { id, itemCode, record } = input;
  const campaign = await currentCampaign(ctx.db);
  const def = campaign.definition.standardItems.find((i) => i.code === itemCode);
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadWorkshopForChange(trx, actor, id, campaign.id);
    if (!def) throw notFound('取缔标准中没有这一项');
    requireItemsEditable(row);
    authorize(actor, 'enterprise.recordItem', itemSubject(row, def));
    // Recorded by a department of the item's duty: it is the executing department (附件3).
    const department = dutyGrants(actor).find((g) => def.departments.includes(g.departmentCode));
    return applyItemRecord(trx, actor, row, def, record, department?.departmentId ?? null);
  });
}
