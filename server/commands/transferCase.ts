// 移交案件: the recording department (or the office) transfers a case to the police (suspected
// environmental crime: the receiving department is one the campaign marks as receiving crime
// transfers) or to discipline. A transfer to discipline files a disciplinary clue about the cadre
// (source 部门移交, linked to the workshop) under the clue rules: the accusation is kept in the clue
// only, audited as the clue's, and the case shows the transferring department only the clue's number.
// One transfer of each kind per case.
import type { CaseTransfer } from '../../domain/cases.js';
import { disciplineDepartment, NO_DISCIPLINE_DEPARTMENT } from '../../domain/selfInspection.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, invalid } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findTransferByKind, insertTransfer } from '../repositories/cases.js';
import { registerClue } from './lib/clue.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import { loadCaseForChange } from './lib/case.js';

const ALREADY = { police: '该案件已移交公安', discipline: '该案件已移交纪检' } as const;

export async function transferCase(ctx: AppContext, actor: Actor, input: { caseId: number } & CaseTransfer): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const def = campaign.definition;
  return inTransaction(ctx.db, async (trx) => {
    const { row, workshop, subject } = await loadCaseForChange(trx, actor, campaign, input.caseId);
    authorize(actor, 'case.transfer', subject);
    if (await findTransferByKind(trx, row.id, input.kind)) throw conflict(ALREADY[input.kind]);
    const at = nowIso();
    if (input.kind === 'police') {
      const to = def.departments.find((d) => d.code === input.departmentCode && subject.receivers.includes(d.code));
      if (!to) throw invalid('请选择接收涉嫌环境污染犯罪移交的部门', [{ path: 'departmentCode', message: '该部门不接收案件移交' }]);
      const id = await insertTransfer(trx, { caseId: row.id, kind: 'police', to, reason: input.reason, clueId: null, by: actor.id, at });
      await writeAudit(trx, {
        actor,
        action: 'case.transfer',
        entityType: 'enterprise',
        entityId: workshop.id,
        scopePath: workshop.org_path,
        after: { caseId: row.id, transferId: id, kind: 'police', to: to.name, reason: input.reason },
      });
      return id;
    }
    const to = disciplineDepartment(def);
    if (!to) throw conflict(NO_DISCIPLINE_DEPARTMENT);
    const town = workshop.town_id !== null ? await findOrgUnit(trx, workshop.town_id) : undefined;
    if (!town) throw invalid('该企业没有所属镇街，不能登记违纪线索');
    const clue = { person: input.person, post: input.post, conduct: input.conduct, description: input.description, source: 'department_transfer' as const, enterpriseId: workshop.id };
    const clueId = await registerClue(trx, actor, campaign.id, town, clue, at, { caseId: row.id });
    const id = await insertTransfer(trx, { caseId: row.id, kind: 'discipline', to, reason: '', clueId, by: actor.id, at });
    return id;
  });
}
