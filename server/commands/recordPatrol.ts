// 记录巡查: a town's keeper (or the village head) patrols a shut site and records whether each
// standard item still holds, what they found, the photos they took there (the workshop's own files,
// uploaded for this patrol), and the verdict. Holding or a concern moves the next patrol's due day;
// production again (死灰复燃) recurs the site — its shutdown reopens with every item pending — in the
// same transaction. Written and audited on the workshop's record.
import { PATROL_OUTCOMES } from '../../domain/workflows/patrol.js';
import type { PatrolCreate } from '../../domain/patrols.js';
import { chinaDateTime, nowIso } from '../../domain/time.js';
import type { Status } from '../../domain/status.js';
import { statusLabels } from '../../domain/i18n/labels.zh-CN.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, invalid } from '../errors.js';
import { actingGrant, authorize, can } from '../policies/index.js';
import { currentAttachmentsUploaded } from '../repositories/attachments.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { insertPatrol, setPatrolSchedule } from '../repositories/patrols.js';
import { requireEveryStandardItem } from './lib/checklist.js';
import { requireOwnEvidence } from './lib/evidence.js';
import { nextPatrolDue } from './lib/patrol.js';
import { unitOf } from './lib/remark.js';
import { loadWorkshopForChange } from './lib/workshop.js';
import { applyWorkshopTransition, recurrence } from './lib/workshopTransition.js';

export async function recordPatrol(ctx: AppContext, actor: Actor, input: { enterpriseId: number } & PatrolCreate): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const standard = campaign.definition.standardItems.map((i) => i.code);
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadWorkshopForChange(trx, actor, input.enterpriseId, campaign.id);
    const subject = { orgPath: row.org_path, status: row.status as Status };
    if (!can(actor, 'patrol.create', subject) && can(actor, 'patrol.create', { ...subject, status: 'accepted' }))
      throw new AppError('invalid_transition', `该企业当前状态为“${statusLabels[subject.status]}”，不在巡查范围内（只巡查已取缔、验收通过的企业）`);
    authorize(actor, 'patrol.create', subject, 'enterprise.read');

    requireEveryStandardItem(standard, input.items.map((i) => i.code), { once: true });
    await requireOwnEvidence(trx, row.id, input.evidenceIds);
    // The photos are this patrol's: current files uploaded on the patrol's day or later (sent when back online).
    const fresh = await currentAttachmentsUploaded(trx, input.evidenceIds);
    const stale = input.evidenceIds.filter((id) => {
      const at = fresh.get(id);
      return at === undefined || chinaDateTime(at).slice(0, 10) < input.patrolledOn;
    });
    if (stale.length > 0) throw invalid(`这些影像文件不是本次巡查拍摄上传的（或已被替换）：${stale.join('、')}`, [{ path: 'evidenceIds', message: '请关联本次巡查拍摄的照片' }]);

    const outcome = PATROL_OUTCOMES[input.verdict];
    const at = nowIso();
    const unit = unitOf(actingGrant(actor, 'patrol.create', subject)!);
    const id = await insertPatrol(trx, {
      campaign_id: campaign.id,
      enterprise_id: row.id,
      patrolled_on: input.patrolledOn,
      items: JSON.stringify(input.items),
      verdict: input.verdict,
      findings: input.findings,
      evidence_ids: JSON.stringify(input.evidenceIds),
      recurred: outcome.event === 'recur' ? 1 : 0,
      recorded_by: actor.id,
      recorded_unit: unit,
      recorded_at: at,
    });
    // A patrol entered late never moves the schedule back.
    const last = row.last_patrol_on !== null && row.last_patrol_on > input.patrolledOn ? row.last_patrol_on : input.patrolledOn;
    await setPatrolSchedule(trx, row.id, {
      last_patrol_on: last,
      patrol_due_on: outcome.reschedules ? await nextPatrolDue(trx, campaign.definition, row.town_id, last) : row.patrol_due_on,
    });
    await writeAudit(trx, {
      actor,
      action: 'patrol.create',
      entityType: 'enterprise',
      entityId: row.id,
      scopePath: row.org_path,
      after: { patrolId: id, patrolledOn: input.patrolledOn, verdict: input.verdict, items: input.items, findings: input.findings, evidenceIds: input.evidenceIds, unit },
    });
    if (outcome.event === 'recur') {
      const t = recurrence(actor, { id: row.id, reason: `巡查发现恢复生产（${input.patrolledOn}）：${input.findings}` });
      await applyWorkshopTransition(trx, actor, row, { ...t, extra: async (x, now) => ({ ...(await t.extra!(x, now)), patrolId: id }) });
    }
    return id;
  });
}

