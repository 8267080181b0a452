// What the case commands share: loading a case with its workshop for a change (404 unless the actor may read it).
import type { CampaignDefinition } from '../../../domain/campaign.js';
import { caseParties } from '../../../domain/cases.js';
import type { Actor } from '../../auth/actor.js';
import type { Db, EnforcementCaseRow, EnterpriseRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { can, caseSubjectOf, type CaseSubject } from '../../policies/index.js';
import { findCase } from '../../repositories/cases.js';
import { findEnterprise } from '../../repositories/enterprises.js';

/** The refusal when the case changed since the user read it. */
export const CASE_CHANGED = '该案件已被他人修改，请刷新后重试';

/** A case of the campaign, locked, with its workshop and policy subject; 404 unless the actor may read it. */
export async function loadCaseForChange(
  trx: Db,
  actor: Actor,
  campaign: { id: number; definition: CampaignDefinition },
  id: number,
): Promise<{ row: EnforcementCaseRow; workshop: EnterpriseRow; subject: CaseSubject }> {
  const row = await findCase(trx, campaign.id, id, { forUpdate: true });
  const workshop = row && (await findEnterprise(trx, row.enterprise_id));
  if (!row || !workshop) throw notFound();
  const subject = caseSubjectOf({ org_path: workshop.org_path, department_code: row.department_code }, caseParties(campaign.definition));
  if (!can(actor, 'case.read', subject)) throw notFound();
  return { row, workshop, subject };
}
