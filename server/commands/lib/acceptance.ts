// Loading spot-check draws and the towns of the acceptance, shared by the acceptance commands and routes.
import type { Actor } from '../../auth/actor.js';
import type { AcceptanceDrawRow, AcceptancePackageRow, Db, OrgUnitRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { authorize, can, drawSubject } from '../../policies/index.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { findDraw } from '../../repositories/acceptanceDraws.js';
import { findPackage } from '../../repositories/acceptancePackages.js';
import { findOrgUnit, listVisibleOrgUnits } from '../../repositories/orgUnits.js';

/** A draw of the campaign the actor may read (a town's staff: only once published), with its town; 404 otherwise. */
export async function readableDraw(db: Db, actor: Actor, campaign: CampaignRecord, id: number): Promise<{ draw: AcceptanceDrawRow; town: OrgUnitRow }> {
  const draw = await findDraw(db, id);
  if (!draw || draw.campaign_id !== campaign.id) throw notFound();
  authorize(actor, 'acceptanceDraw.read', drawSubject(draw), 'acceptanceDraw.read');
  return { draw, town: (await findOrgUnit(db, draw.town_id))! };
}

/** The campaign's towns whose acceptance the actor reads (not the town above a village in their scope). */
export async function acceptanceTowns(db: Db, actor: Actor, campaign: CampaignRecord): Promise<OrgUnitRow[]> {
  return (await listVisibleOrgUnits(db, actor, { kind: 'town' })).filter((t) => t.path.startsWith(campaign.rootPath) && can(actor, 'acceptance.read', { orgPath: t.path }));
}

/** A package version of the campaign whose town the actor reads; 404 otherwise. */
export async function readablePackage(db: Db, actor: Actor, campaign: CampaignRecord, id: number): Promise<{ pkg: AcceptancePackageRow; town: OrgUnitRow }> {
  const pkg = await findPackage(db, id);
  const town = pkg ? await findOrgUnit(db, pkg.town_id) : undefined;
  if (!pkg || !town || pkg.campaign_id !== campaign.id) throw notFound();
  authorize(actor, 'acceptance.read', { orgPath: town.path }, 'acceptance.read');
  return { pkg, town };
}
