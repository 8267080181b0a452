// The town a command's input names (a body's townId), checked the two ways the routes answer.
import { covers, type Actor } from '../../auth/actor.js';
import type { Db, OrgUnitRow } from '../../db/schema.js';
import { invalid, notFound } from '../../errors.js';
import { can } from '../../policies/index.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { findCampaignTown } from '../../repositories/orgUnits.js';

/** A town of the campaign within the actor's scope; otherwise 400 on the townId field, whether it exists or not. */
export async function townInScope(db: Db, actor: Actor, campaign: CampaignRecord, townId: number): Promise<OrgUnitRow> {
  const town = await findCampaignTown(db, campaign.rootPath, townId);
  if (!town || !covers(actor, town.path)) throw invalid('镇街不存在或不在您的管辖范围内', [{ path: 'townId', message: '镇街不存在或不在您的管辖范围内' }]);
  return town;
}

/** A town of the campaign that the actor may at least `readAction`: 400 when there is no such town, 404 when it is out of sight. */
export async function readableTown(db: Db, actor: Actor, campaign: CampaignRecord, townId: number, readAction: string): Promise<OrgUnitRow> {
  const town = await findCampaignTown(db, campaign.rootPath, townId);
  if (!town) throw invalid('镇街不存在', [{ path: 'townId', message: '镇街不存在' }]);
  if (!can(actor, readAction, { orgPath: town.path })) throw notFound('镇街不存在或不在您的管辖范围内');
  return town;
}

/** A town named in a URL (`/towns/:townId`) that the actor may at least `readAction`: 404 when there is no such town or it is out of sight. */
export async function townOfPath(db: Db, actor: Actor, campaign: CampaignRecord, townId: number, readAction: string): Promise<OrgUnitRow> {
  const town = await findCampaignTown(db, campaign.rootPath, townId);
  if (!town || !can(actor, readAction, { orgPath: town.path })) throw notFound('镇街不存在或不在您的管辖范围内');
  return town;
}
