// Recording a standard item inside the caller's transaction: the one rule behind 记录取缔标准项
// (recordItem) and a department's confirmation of a request (confirmDepartmentRequest). The caller
// has loaded the workshop locked and authorized the actor.
import type { StandardItem } from '../../../domain/campaign.js';
import type { ItemRecord } from '../../../domain/enterprise.js';
import { evidenceShortfall } from '../../../domain/evidence.js';
import { statusLabels } from '../../../domain/i18n/labels.zh-CN.js';
import type { Status } from '../../../domain/status.js';
import { nowIso, todayInChina } from '../../../domain/time.js';
import { applyEvents } from '../../../domain/workflows/workflow.js';
import { eventsAfterItemRecorded, itemComplete, itemsEditable, WORKSHOP_WORKFLOW } from '../../../domain/workflows/workshop.js';
import type { Actor } from '../../auth/actor.js';
import type { Db, EnterpriseRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { countCurrentItemEvidence } from '../../repositories/attachments.js';
import { writeAudit } from '../../repositories/audit.js';
import { currentCampaign } from '../../repositories/campaigns.js';
import { findItems, updateEnterpriseAtVersion, updateItem } from '../../repositories/enterprises.js';
import { nextPatrolDue } from './patrol.js';
import { staleVersion } from './transition.js';
import { WORKSHOP_CHANGED } from './workshop.js';

/** 409 invalid_transition unless the workshop's items can still change. */
export function requireItemsEditable(row: EnterpriseRow): void {
  const status = row.status as Status;
  if (!itemsEditable(status)) throw new AppError('invalid_transition', `该企业当前状态为“${statusLabels[status]}”，取缔标准项不能再修改`);
}

/**
 * Records one item (done with its evidence on file, or not applicable), moves the workshop along
 * the workflow when that completes a step, and audits both. `departmentId`: the executing department, or null.
 */
export async function applyItemRecord(
  trx: Db,
  actor: Actor,
  row: EnterpriseRow,
  def: StandardItem,
  record: ItemRecord,
  departmentId: number | null,
): Promise<{ status: Status }> {
  const id = row.id;
  const itemCode = def.code;
  const status = row.status as Status;
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
  await updateItem(trx, id, itemCode, { ...next, department_id: departmentId, updated_by: actor.id, updated_at: now });

  const after = items.map((i) => (i.item_code === itemCode ? { ...i, ...next } : i)) as { state: 'pending' | 'done' | 'not_applicable' }[];
  const events = eventsAfterItemRecorded(status, after);
  const newStatus = applyEvents(WORKSHOP_WORKFLOW, status, events);
  const itemsDone = after.filter(itemComplete).length;
  // Shut down: the site is patrolled from today on (长效监管).
  const patrolDue = events.includes('complete_shutdown') ? { patrol_due_on: await nextPatrolDue(trx, (await currentCampaign(trx)).definition, row.town_id, todayInChina()) } : {};
  if (!(await updateEnterpriseAtVersion(trx, row, { status: newStatus, items_done: itemsDone, updated_at: now, ...patrolDue }))) throw staleVersion(WORKSHOP_CHANGED);
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
}
