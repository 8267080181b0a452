// 记录取缔标准项: records one standard item (done, or not applicable with a reason) and moves the
// workshop along the workflow when that completes a step. An item is done only with its evidence
// on file (domain/evidence.ts).
import type { ItemRecord } from '../../domain/enterprise.js';
import { evidenceShortfall } from '../../domain/evidence.js';
import { statusLabels } from '../../domain/i18n/labels.zh-CN.js';
import type { Status } from '../../domain/status.js';
import { nowIso } from '../../domain/time.js';
import { applyEvents } from '../../domain/workflows/workflow.js';
import { eventsAfterItemRecorded, itemComplete, itemsEditable, WORKSHOP_WORKFLOW } from '../../domain/workflows/workshop.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../errors.js';
import { authorize, itemSubject } from '../policies/index.js';
import { countCurrentItemEvidence } from '../repositories/attachments.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findItems, updateEnterpriseAtVersion, updateItem } from '../repositories/enterprises.js';
import { staleVersion } from './lib/transition.js';
import { loadWorkshopForChange, WORKSHOP_CHANGED } from './lib/workshop.js';

export async function recordItem(ctx: AppContext, actor: Actor, input: { id: number; itemCode: string; record: ItemRecord }): Promise<{ status: Status }> {
  const { id, itemCode, record } = input;
  const campaign = await currentCampaign(ctx.db);
  const def = campaign.definition.standardItems.find((i) => i.code === itemCode);
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadWorkshopForChange(trx, actor, id, campaign.id);
    if (!def) throw notFound('取缔标准中没有这一项');
    const status = row.status as Status;
    if (!itemsEditable(status)) throw new AppError('invalid_transition', `该企业当前状态为“${statusLabels[status]}”，取缔标准项不能再修改`);
    authorize(actor, 'enterprise.recordItem', itemSubject(row, def));
    if (record.state === 'done' && def.evidenceMin > 0) {
      const files = await countCurrentItemEvidence(trx, id, itemCode, row.reopened_at);
      const shortfall = evidenceShortfall(def, files, row.reopened_at !== null);
      if (shortfall) throw new AppError('evidence_required', shortfall, undefined, { itemCode, evidenceMin: def.evidenceMin, evidenceCount: files });
    }

    const now = nowIso();
    const items = await findItems(trx, id);
    const before = items.find((i) => i.item_code === itemCode);
    const next =
      record.state === 'done'
        ? { state: 'done', unit: record.unit, person: record.person, done_on: record.date, note: record.note, reason: '' }
        : { state: 'not_applicable', unit: record.unit, person: record.person, done_on: null, note: record.note, reason: record.reason };
    await updateItem(trx, id, itemCode, { ...next, updated_by: actor.id, updated_at: now });

    const after = items.map((i) => (i.item_code === itemCode ? { ...i, ...next } : i)) as { state: 'pending' | 'done' | 'not_applicable' }[];
    const events = eventsAfterItemRecorded(status, after);
    const newStatus = applyEvents(WORKSHOP_WORKFLOW, status, events);
    const itemsDone = after.filter(itemComplete).length;
    if (!(await updateEnterpriseAtVersion(trx, row, { status: newStatus, items_done: itemsDone, updated_at: now }))) throw staleVersion(WORKSHOP_CHANGED);
    await writeAudit(trx, {
      actor,
      action: 'item.record',
      entityType: 'enterprise',
      entityId: id,
      scopePath: row.org_path,
      before: before && { item: itemCode, state: before.state, unit: before.unit, person: before.person, date: before.done_on, reason: before.reason },
      after: { item: itemCode, ...record },
    });
    for (const event of events)
      await writeAudit(trx, { actor, action: `status.${event}`, entityType: 'enterprise', entityId: id, scopePath: row.org_path, before: { status }, after: { status: newStatus } });
    return { status: newStatus };
  });
}
