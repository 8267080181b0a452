import type { ItemRecord } from '../../domain/enterprise.js';
import type { Status } from '../../domain/status.js';
import { applyEvents, eventsAfterItemRecorded, itemComplete } from '../../domain/workflow.js';
import type { AppContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import type { Actor } from '../policies/index.js';
import { itemSubject } from '../presenters/enterprise.js';
import { countCurrentItemEvidence } from '../repositories/attachments.js';
import { writeAudit } from '../repositories/audit.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { findItems, updateEnterpriseAtVersion, updateItem } from '../repositories/enterprises.js';
import { nowIso } from '../time.js';
import { loadEnterpriseForChange, type Authorize } from './common.js';
import { statusLabels } from '../../domain/i18n/labels.zh-CN.js';
import { itemsEditable } from '../../domain/workflow.js';

/** Records one standard item and moves the workshop along the workflow when that completes a step. */
export async function recordItem(
  ctx: AppContext,
  actor: Actor,
  authorize: Authorize,
  campaign: CampaignRecord,
  id: number,
  itemCode: string,
  record: ItemRecord,
): Promise<{ status: Status }> {
  const def = campaign.definition.standardItems.find((i) => i.code === itemCode);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadEnterpriseForChange(trx, ctx.dialect, actor, id, campaign.id);
    if (!def) throw notFound('取缔标准中没有这一项');
    const status = row.status as Status;
    if (!itemsEditable(status))
      throw new AppError('invalid_transition', `该企业当前状态为“${statusLabels[status]}”，取缔标准项不能再修改`);
    authorize('enterprise.recordItem', itemSubject(row, def));
    // 全程影像记录: an item is done only with its evidence on file (the campaign says how much).
    if (record.state === 'done' && def.evidenceMin > 0) {
      const files = await countCurrentItemEvidence(trx, id, itemCode, row.reopened_at);
      if (files < def.evidenceMin)
        throw new AppError(
          'evidence_required',
          files === 0
            ? row.reopened_at
              ? `该企业反弹后重新取缔：请上传本轮取缔的现场照片或视频（至少 ${def.evidenceMin} 张），再将“${def.name}”标记为完成；反弹前拍摄或上传的影像不计入（以照片或视频自带的拍摄时间为准）`
              : `请先上传至少 ${def.evidenceMin} 张现场照片或视频，再将“${def.name}”标记为完成（全程影像记录）`
            : `“${def.name}”须有至少 ${def.evidenceMin} 张现场照片或视频才能标记为完成（全程影像记录），目前只有 ${files} 张，请先上传`,
          undefined,
          { itemCode, evidenceMin: def.evidenceMin, evidenceCount: files },
        );
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
    const newStatus = applyEvents(status, events);
    const itemsDone = after.filter(itemComplete).length;
    if (!(await updateEnterpriseAtVersion(trx, id, row.version, { status: newStatus, items_done: itemsDone, updated_at: now })))
      throw new AppError('stale_version', '该企业信息已被他人修改，请刷新后重试');
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
