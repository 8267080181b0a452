import type { Kysely } from 'kysely';
import type { EnterpriseCreate } from '../../domain/enterprise.js';
import type { AppContext } from '../context.js';
import type { Database, NewEnterprise } from '../db/schema.js';
import { AppError, invalid } from '../errors.js';
import { findDuplicates } from '../repositories/duplicates.js';
import type { Actor } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { insertEnterprise } from '../repositories/enterprises.js';
import { nowIso } from '../time.js';
import type { Authorize } from './common.js';
import { resolvePlacement } from './resolvePlacement.js';

export function checkKind(campaign: CampaignRecord, kind: string): void {
  if (!campaign.definition.workshopKinds.some((k) => k.code === kind))
    throw invalid('企业类型不正确', [{ path: 'kind', message: '请从列表中选择企业类型' }]);
}

export async function createEnterprise(
  ctx: AppContext,
  actor: Actor,
  authorize: Authorize,
  campaign: CampaignRecord,
  input: EnterpriseCreate,
): Promise<number> {
  checkKind(campaign, input.kind);
  return ctx.db.transaction().execute(async (trx) => {
    const place = await resolvePlacement(trx, actor, campaign.rootPath, input.townId, input.villageId);
    authorize('enterprise.create', { orgPath: place.path });
    // Warn before registering what may be a site already on the register; the user either opens
    // that record or confirms the new one is different (the confirmation stays in the audit record).
    const matches = await findDuplicates(trx, actor, campaign, input, ctx.config.duplicateDistanceMetres);
    const unconfirmed = matches.filter((m) => !input.confirmedDistinctFrom.includes(m.id));
    if (unconfirmed.length > 0)
      throw new AppError('possible_duplicate', `可能与已登记的 ${unconfirmed.length} 家企业重复：${unconfirmed.map((m) => m.name).join('、')}`, undefined, { duplicates: unconfirmed });
    return insertWorkshop(trx, actor, campaign, place, input);
  });
}

type Place = { town: { id: number }; village: { id: number } | null; path: string };

/**
 * The register's columns that come straight from the form's fields, in one place for both insert
 * paths: a row built here (the form) and the task-table import's INSERT … SELECT from its staged
 * rows (server/imports/commit.ts). `number` marks the numeric ones.
 */
export const WORKSHOP_INPUT_COLUMNS = [
  ['name', 'name'], ['kind', 'kind'], ['address', 'address'], ['lng', 'lng', 'number'], ['lat', 'lat', 'number'],
  ['contact_person', 'contactPerson'], ['phone', 'phone'], ['power_source', 'powerSource'], ['power_account', 'powerAccount'],
  ['water_source', 'waterSource'], ['land_type', 'landType'], ['land_owner', 'landOwner'], ['land_lease', 'landLease'],
  ['licence_business', 'licenceBusiness'], ['licence_eia', 'licenceEia'], ['licence_land', 'licenceLand'],
  ['production_status', 'productionStatus'], ['raw_materials', 'rawMaterials'], ['notes', 'notes'], ['discovery_source', 'discoverySource'],
  ['village_head', 'villageHead'], ['town_head', 'townHead'], ['department_head', 'departmentHead'],
] as const satisfies readonly (readonly [keyof NewEnterprise, keyof EnterpriseCreate, ...'number'[]])[];

/** What every new workshop starts with, whichever way it is registered. */
export function newWorkshopState(actor: Actor, now: string) {
  return { status: 'surveyed', status_reason: '', items_done: 0, version: 1, created_by: actor.id, created_at: now, updated_at: now } as const;
}

function workshopRow(actor: Actor, campaign: CampaignRecord, place: Place, input: EnterpriseCreate, now: string): NewEnterprise {
  const fromInput = Object.fromEntries(WORKSHOP_INPUT_COLUMNS.map(([column, key]) => [column, input[key]]));
  return {
    ...(fromInput as Pick<NewEnterprise, (typeof WORKSHOP_INPUT_COLUMNS)[number][0]>),
    campaign_id: campaign.id,
    town_id: place.town.id,
    village_id: place.village?.id ?? null,
    org_path: place.path,
    ...newWorkshopState(actor, now),
  };
}

/**
 * Inserts one workshop with its standard items and audit record, inside the caller's transaction:
 * the one insert path for a workshop (the form and the task-table import alike). `auditExtra` is
 * merged into the audit record's `after` (e.g. the import it came from).
 */
export async function insertWorkshop(
  trx: Kysely<Database>,
  actor: Actor,
  campaign: CampaignRecord,
  place: Place,
  input: EnterpriseCreate,
  auditExtra?: Record<string, unknown>,
): Promise<number> {
  const id = await insertEnterprise(trx, workshopRow(actor, campaign, place, input, nowIso()), campaign.definition.standardItems.map((i) => i.code));
  await writeAudit(trx, { actor, action: 'enterprise.create', entityType: 'enterprise', entityId: id, scopePath: place.path, after: auditExtra ? { ...input, ...auditExtra } : input });
  return id;
}
