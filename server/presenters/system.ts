// The org tree, departments and the campaign as the API answers them.
import type { CampaignDto, DepartmentDto, OrgUnitDto } from '../../domain/api.js';
import { currentPhase } from '../../domain/campaign.js';
import { todayInChina } from '../../domain/time.js';
import type { OrgUnitRow } from '../db/schema.js';
import type { CampaignRecord } from '../repositories/campaigns.js';

export function presentOrgUnit(u: Pick<OrgUnitRow, 'id' | 'parent_id' | 'kind' | 'name' | 'path'>): OrgUnitDto {
  return { id: u.id, parentId: u.parent_id, kind: u.kind as OrgUnitDto['kind'], name: u.name, path: u.path };
}

export function presentDepartment(d: { id: number; code: string; name: string; duties: string }): DepartmentDto {
  return { id: d.id, code: d.code, name: d.name, duties: JSON.parse(d.duties) as string[] };
}

/** The current campaign with the phase it is in today (China calendar) and the days left in it. */
export function presentCampaign(c: CampaignRecord, today = todayInChina()): CampaignDto {
  const d = c.definition;
  const phase = currentPhase(d.phases, today);
  const daysLeft = phase?.end ? Math.round((Date.parse(phase.end) - Date.parse(today)) / 86_400_000) : null;
  return {
    id: c.id,
    code: c.code,
    documentNumber: d.documentNumber,
    title: d.title,
    issuer: d.issuer,
    phases: d.phases,
    standardItems: d.standardItems,
    workshopKinds: d.workshopKinds,
    standardSummary: d.standardSummary,
    districtName: d.orgUnits.name,
    currentPhase: phase ? { code: phase.code, name: phase.name, daysLeft } : null,
  };
}
