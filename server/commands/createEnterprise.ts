import type { EnterpriseCreate } from '../../domain/enterprise.js';
import type { AppContext } from '../context.js';
import { invalid } from '../errors.js';
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
    const now = nowIso();
    const id = await insertEnterprise(
      trx,
      {
        campaign_id: campaign.id,
        name: input.name,
        kind: input.kind,
        town_id: place.town.id,
        village_id: place.village?.id ?? null,
        org_path: place.path,
        address: input.address,
        lng: input.lng,
        lat: input.lat,
        contact_person: input.contactPerson,
        phone: input.phone,
        power_source: input.powerSource,
        power_account: input.powerAccount,
        water_source: input.waterSource,
        land_type: input.landType,
        land_owner: input.landOwner,
        land_lease: input.landLease,
        licence_business: input.licenceBusiness,
        licence_eia: input.licenceEia,
        licence_land: input.licenceLand,
        production_status: input.productionStatus,
        raw_materials: input.rawMaterials,
        notes: input.notes,
        discovery_source: input.discoverySource,
        status: 'surveyed',
        status_reason: '',
        items_done: 0,
        version: 1,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      },
      campaign.definition.standardItems.map((i) => i.code),
    );
    await writeAudit(trx, { actor, action: 'enterprise.create', entityType: 'enterprise', entityId: id, scopePath: place.path, after: input });
    return id;
  });
}
