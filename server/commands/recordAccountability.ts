// 记录约谈或问责: the office summons a person to a 约谈 (on its own, or following a 督办 left
// unanswered); discipline or the office director records a 问责 measure. The references (督办,
// workshop, town, previous record, the person's unit) are checked, the record written at its initial
// state and audited in one transaction.
import type { AccountabilityCreate } from '../../domain/accountability.js';
import { nowIso } from '../../domain/time.js';
import { INITIAL_ACCOUNTABILITY_STATE } from '../../domain/workflows/accountability.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { actingGrant, authorize, type AccountabilitySubject } from '../policies/index.js';
import { findAction, insertAction } from '../repositories/accountability.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findDepartmentById } from '../repositories/departments.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { findCampaignTown, findOrgUnit } from '../repositories/orgUnits.js';
import { findRemark } from '../repositories/remarks.js';
import { unitOf } from './lib/remark.js';

const refused = (path: string, message: string) => invalid(message, [{ path, message }]);

export async function recordAccountability(ctx: AppContext, actor: Actor, input: AccountabilityCreate): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  // Whoever may record this level nowhere is refused before any reference is looked up.
  authorize(actor, input.level === 'interview' ? 'accountability.interview.any' : 'accountability.decide.any', campaign.rootPath);
  return inTransaction(ctx.db, async (trx) => {
    let enterpriseId = input.enterpriseId;
    if (input.remarkId !== null) {
      const remark = await findRemark(trx, campaign.id, input.remarkId);
      if (!remark || remark.kind !== 'escalation') throw refused('remarkId', '所跟进的督办不存在');
      if (enterpriseId !== null && enterpriseId !== remark.enterprise_id) throw refused('enterpriseId', '所涉企业与督办的企业不一致');
      enterpriseId = remark.enterprise_id;
    }
    let townId: number;
    let orgPath: string;
    if (enterpriseId !== null) {
      const workshop = await findEnterprise(trx, enterpriseId);
      if (!workshop || workshop.campaign_id !== campaign.id) throw refused('enterpriseId', '所涉企业不存在');
      if (input.townId !== null && input.townId !== workshop.town_id) throw refused('townId', '所涉镇街与企业所在镇街不一致');
      townId = workshop.town_id;
      orgPath = workshop.org_path;
    } else {
      const town = await findCampaignTown(trx, campaign.rootPath, input.townId!);
      if (!town) throw refused('townId', '所涉镇街不存在');
      townId = town.id;
      orgPath = town.path;
    }
    if (input.previousId !== null) {
      const previous = await findAction(trx, campaign.id, input.previousId);
      if (!previous || previous.town_id !== townId) throw refused('previousId', '所跟进的约谈或问责记录不存在，或不是同一镇街的');
    }
    let unitName: string;
    let unitOrgId: number | null = null;
    let unitDepartmentId: number | null = null;
    if (input.unitKind === 'department') {
      const department = await findDepartmentById(trx, input.unitId);
      if (!department) throw refused('unitId', '所在部门不存在');
      unitName = department.name;
      unitDepartmentId = department.id;
    } else {
      const unit = await findOrgUnit(trx, input.unitId);
      if (!unit || unit.kind !== input.unitKind || !unit.path.startsWith(campaign.rootPath)) throw refused('unitId', input.unitKind === 'town' ? '所在镇街不存在' : '所在村居不存在');
      unitName = unit.name;
      unitOrgId = unit.id;
    }

    const subject: AccountabilitySubject = { orgPath, level: input.level };
    authorize(actor, 'accountability.create', subject, 'accountability.read');
    const at = nowIso();
    const unit = unitOf(actingGrant(actor, 'accountability.create', subject)!);
    const state = INITIAL_ACCOUNTABILITY_STATE[input.level];
    const { townId: _t, unitId: _u, enterpriseId: _e, ...fields } = input;
    const id = await insertAction(trx, { ...fields, enterpriseId, campaignId: campaign.id, state, unitKind: input.unitKind, unitOrgId, unitDepartmentId, unitName, townId, orgPath, by: actor.id, unit, at });
    await writeAudit(trx, {
      actor,
      action: 'accountability.create',
      entityType: 'accountability',
      entityId: id,
      scopePath: orgPath,
      after: {
        level: input.level,
        state,
        person: { name: input.personName, position: input.personPosition, unit: unitName },
        townId,
        enterpriseId,
        remarkId: input.remarkId,
        previousId: input.previousId,
        reason: input.reason,
        ...(input.level === 'interview' ? { scheduledOn: input.scheduledOn, conductedBy: input.conductedBy } : { measure: input.measure }),
        unit,
      },
    });
    return id;
  });
}
