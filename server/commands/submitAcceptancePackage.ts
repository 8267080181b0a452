// 报送验收材料: the town's staff (or the office for a town) freeze a new version of the package — the
// written report and the facts and image files as they stand — to be signed by the town's principal;
// an unsigned earlier version is superseded by it.
import { packageDue, type PackageSubmit } from '../../domain/acceptancePackage.js';
import { nowIso } from '../../domain/time.js';
import { packageContent, packageHash } from '../acceptance/packageContent.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, invalid } from '../errors.js';
import { authorize } from '../policies/index.js';
import { townWorkshopIds } from '../repositories/acceptanceDraws.js';
import { insertPackage, packageFacts, packagesOfTown, shutWorkshopIds, supersedePackage } from '../repositories/acceptancePackages.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { townOfPath } from './lib/town.js';
import { lockOrgUnit } from '../repositories/orgUnits.js';

export async function submitAcceptancePackage(ctx: AppContext, actor: Actor, input: { townId: number } & PackageSubmit): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const town = await townOfPath(ctx.db, actor, campaign, input.townId, 'acceptance.read');
  authorize(actor, 'acceptancePackage.submit', { orgPath: town.path });
  return inTransaction(ctx.db, async (trx) => {
    await lockOrgUnit(trx, town.id);
    let workshops = input.workshopIds;
    if (workshops) {
      const theTowns = await townWorkshopIds(trx, campaign.id, town.id, workshops);
      const foreign = workshops.filter((id) => !theTowns.has(id));
      if (foreign.length > 0) throw invalid(`这些企业不是${town.name}的企业：${foreign.join('、')}`, [{ path: 'workshopIds', message: '只能选择本镇街的企业' }]);
    } else workshops = await shutWorkshopIds(trx, campaign.id, town.id);
    const content = packageContent(campaign.definition, town, input.report, await packageFacts(trx, campaign.id, town.id, workshops));
    const sha256 = packageHash(content);
    const versions = await packagesOfTown(trx, campaign.id, town.id);
    const live = versions.find((v) => v.status !== 'superseded');
    if (live && live.content_sha256 === sha256) throw conflict(`验收材料自第 ${live.version} 版报送以来没有变化，无需重新报送`);
    if (live?.status === 'submitted') await supersedePackage(trx, live.id);
    const version = (versions[0]?.version ?? 0) + 1;
    const id = await insertPackage(trx, {
      campaign_id: campaign.id,
      town_id: town.id,
      org_path: town.path,
      version,
      status: 'submitted',
      content: JSON.stringify(content),
      content_sha256: sha256,
      workshop_count: content.workshopsTotal,
      image_count: content.imagesTotal,
      due_date: packageDue(campaign.definition),
      submitted_by: actor.id,
      submitted_at: nowIso(),
      signed_by: null,
      signed_at: null,
      late: 0,
    });
    await writeAudit(trx, { actor, action: 'acceptancePackage.submit', entityType: 'acceptance_package', entityId: id, scopePath: town.path, after: { town: town.name, version, sha256, workshops: content.workshopsTotal, images: content.imagesTotal } });
    return id;
  });
}
