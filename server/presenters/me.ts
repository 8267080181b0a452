// The signed-in user as the browser needs them: who they are, their role assignments (for
// display), and every ability the web shows or hides something for, each decided by the policies.
import type { HomeKind, MeDto } from '../../domain/api.js';
import { departmentsRecording, type CampaignDefinition } from '../../domain/campaign.js';
import { caseParties } from '../../domain/cases.js';
import { HOME_GROUPS } from '../../domain/roles.js';
import { covers, hasRole, prefixesOf, type Actor } from '../auth/actor.js';
import { can, dutyGrants, dutyItemCodes } from '../policies/index.js';

/** Which home page answers "what must I do today" for this user: the first group, in order, that holds one of their roles. */
function homeOf(actor: Actor): HomeKind {
  const home = (Object.keys(HOME_GROUPS) as (keyof typeof HOME_GROUPS)[]).find((kind) => hasRole(actor, ...HOME_GROUPS[kind]));
  return home ?? 'admin';
}

/** The departments the actor executes standard items for, and those items (the enterprise.recordItem policy's department rule). */
function dutyOf(actor: Actor, definition: CampaignDefinition): MeDto['duty'] {
  const grants = dutyGrants(actor);
  return {
    departmentIds: [...new Set(grants.map((g) => g.departmentId).filter((id): id is number => id !== null))],
    itemCodes: dutyItemCodes(actor, definition.standardItems),
  };
}

/**
 * The path of the one town (a child of the campaign's root) that every grant of the actor lies
 * in, else null.
 */
export function homeTownPath(actor: Actor, rootPath: string): string | null {
  const prefixes = prefixesOf(actor);
  const towns = new Set(prefixes.map((p) => (p.startsWith(rootPath) && p.length > rootPath.length ? p.slice(0, p.indexOf('/', rootPath.length) + 1) : null)));
  const [only] = towns;
  return towns.size === 1 && only ? only : null;
}

export function presentMe(actor: Actor, campaign: { rootPath: string; definition: CampaignDefinition }, homeTown: { id: number; name: string } | null): MeDto {
  const createEnterprise = can(actor, 'enterprise.create.any', null);
  const createVillage = can(actor, 'village.create.any', null);
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.grants.map((g) => ({
      role: g.role,
      orgUnitId: g.orgUnitId,
      orgUnitName: g.orgUnitName,
      departmentId: g.departmentId,
      departmentName: g.departmentName,
      director: g.director === true,
    })),
    abilities: {
      manageUsers: can(actor, 'user.manage', null),
      createEnterprise,
      registerInVillagesOnly: createEnterprise && !createVillage,
      createVillage,
      viewDashboard: can(actor, 'dashboard.read', null),
      viewReports: can(actor, 'report.read', null),
      viewMobilisation: can(actor, 'mobilisation.read', null),
      importTaskTable: can(actor, 'import.list', null),
      viewSelfInspection: can(actor, 'selfInspection.open', null),
      createSelfPolicy: can(actor, 'selfPolicy.create.any', null),
      fileClue: can(actor, 'clue.create.any', null),
      viewClues: can(actor, 'clue.list', null),
      writeMobilisation: can(actor, 'mobilisation.write.any', null),
      answerEscalations: can(actor, 'remark.answer.any', null),
      viewIncidents: can(actor, 'incident.page', { recorders: departmentsRecording(campaign.definition, 'incidents') }),
      viewCases: can(actor, 'case.page', caseParties(campaign.definition)),
      viewInterceptions: can(actor, 'interception.page', { recorders: departmentsRecording(campaign.definition, 'interceptions') }),
      viewDepartmentRequests: can(actor, 'departmentRequest.queue.page', null),
      actOnDepartmentRequests: can(actor, 'departmentRequest.act.any', null),
      viewJointOperations: can(actor, 'jointOperation.page', null),
      viewAcceptance: can(actor, 'acceptance.page', null),
      viewSupervision: can(actor, 'supervision.page', null),
      viewTips: can(actor, 'tip.page', null),
      viewPowerCheck: can(actor, 'powerCheck.page', null),
      importPowerList: can(actor, 'powerImport.create.any', campaign.rootPath),
      downloadDailyReport: can(actor, 'report.daily', null),
      manageWebhooks: can(actor, 'webhook.manage.any', null),
      viewAccountability: can(actor, 'accountability.list', null),
    },
    home: homeOf(actor),
    homeTown,
    districtWide: covers(actor, campaign.rootPath),
    duty: dutyOf(actor, campaign.definition),
  };
}
