import type { EnterprisePatch } from '../../domain/enterprise.js';
import type { AppContext } from '../context.js';
import type { EnterpriseRow, NewEnterprise } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Actor } from '../policies/index.js';
import { enterpriseSubject } from '../presenters/enterprise.js';
import { moveEnterpriseAttachments, remeasureEnterpriseAttachments } from '../repositories/attachments.js';
import { writeAudit } from '../repositories/audit.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { updateEnterpriseAtVersion } from '../repositories/enterprises.js';
import { nowIso } from '../time.js';
import { loadEnterpriseForChange, type Authorize } from './common.js';
import { checkKind } from './createEnterprise.js';
import { resolvePlacement } from './resolvePlacement.js';

/** API field → column, for the register fields a PATCH may change. */
const COLUMNS = {
  name: 'name',
  kind: 'kind',
  townId: 'town_id',
  villageId: 'village_id',
  address: 'address',
  lng: 'lng',
  lat: 'lat',
  contactPerson: 'contact_person',
  phone: 'phone',
  powerSource: 'power_source',
  powerAccount: 'power_account',
  waterSource: 'water_source',
  landType: 'land_type',
  landOwner: 'land_owner',
  landLease: 'land_lease',
  licenceBusiness: 'licence_business',
  licenceEia: 'licence_eia',
  licenceLand: 'licence_land',
  productionStatus: 'production_status',
  rawMaterials: 'raw_materials',
  notes: 'notes',
  discoverySource: 'discovery_source',
  villageHead: 'village_head',
  townHead: 'town_head',
  departmentHead: 'department_head',
} as const satisfies Record<string, keyof EnterpriseRow>;

type Field = keyof typeof COLUMNS;

export async function updateEnterprise(
  ctx: AppContext,
  actor: Actor,
  authorize: Authorize,
  campaign: CampaignRecord,
  id: number,
  patch: EnterprisePatch,
): Promise<void> {
  if (patch.kind !== undefined) checkKind(campaign, patch.kind);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadEnterpriseForChange(trx, ctx.dialect, actor, id, campaign.id);
    authorize('enterprise.update', enterpriseSubject(row), 'enterprise.read');
    if (row.version !== patch.version)
      throw new AppError('stale_version', '该企业信息已被他人修改，请刷新后重新编辑（您的修改未保存）');

    const changes: Partial<NewEnterprise> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of Object.keys(COLUMNS) as Field[]) {
      const value = patch[field];
      if (value === undefined) continue;
      const column = COLUMNS[field];
      if (row[column] === value) continue;
      (changes as Record<string, unknown>)[column] = value;
      before[field] = row[column];
      after[field] = value;
    }
    if ('town_id' in changes || 'village_id' in changes) {
      const townId = changes.town_id ?? row.town_id;
      const villageId = 'village_id' in changes ? (changes.village_id ?? null) : row.town_id === townId ? row.village_id : null;
      const place = await resolvePlacement(trx, actor, campaign.rootPath, townId, villageId);
      authorize('enterprise.create', { orgPath: place.path });
      changes.village_id = place.village?.id ?? null;
      changes.org_path = place.path;
    }
    const lng = changes.lng !== undefined ? changes.lng : row.lng;
    const lat = changes.lat !== undefined ? changes.lat : row.lat;
    if ((lng === null) !== (lat === null))
      throw new AppError('validation_failed', '经度和纬度须同时填写', [{ path: lng === null ? 'lng' : 'lat', message: '经度和纬度须同时填写' }]);
    if (Object.keys(after).length === 0) return;

    changes.updated_at = nowIso();
    if (!(await updateEnterpriseAtVersion(trx, id, row.version, changes)))
      throw new AppError('stale_version', '该企业信息已被他人修改，请刷新后重新编辑（您的修改未保存）');
    // Evidence files follow the workshop into its new scope, and are measured from where it now is.
    if (changes.org_path !== undefined && changes.org_path !== row.org_path) await moveEnterpriseAttachments(trx, id, changes.org_path);
    if (lng !== row.lng || lat !== row.lat) await remeasureEnterpriseAttachments(trx, id, { lat, lng }, ctx.config.evidenceMaxDistanceMetres);
    await writeAudit(trx, { actor, action: 'enterprise.update', entityType: 'enterprise', entityId: id, scopePath: changes.org_path ?? row.org_path, before, after });
  });
}
