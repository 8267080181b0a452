// 载入行动: installs a campaign definition — its org units, departments, liaison pairs and the
// campaign row — in one audited transaction. Idempotent: units and departments are matched by
// name/code, a campaign by its code. Run by the server's operator (first start, `qudi campaign
// create`), so it takes no actor and is audited as 系统.
import type { CampaignDefinition, OrgUnitNode } from '../../domain/campaign.js';
import { nowIso } from '../../domain/time.js';
import type { Db, OrgUnitRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { readCampaignFile, DEFAULT_CAMPAIGN_FILE } from '../campaign/definitionFile.js';
import { writeAudit } from '../repositories/audit.js';
import { anyCampaign, findCampaignIdByCode, forgetCampaignCache, insertCampaign, insertLiaisonPair } from '../repositories/campaigns.js';
import { upsertDepartment } from '../repositories/departments.js';
import { findChildByName, insertOrgUnit } from '../repositories/orgUnits.js';

async function ensureUnits(db: Db, parent: OrgUnitRow | null, node: OrgUnitNode, byName: Map<string, OrgUnitRow>) {
  const unit = (await findChildByName(db, parent?.id ?? null, node.name)) ?? (await insertOrgUnit(db, parent, node.kind, node.name));
  byName.set(node.name, unit);
  for (const child of node.children ?? []) await ensureUnits(db, unit, child, byName);
}

export async function installCampaign(ctx: { db: Db }, actor: null, input: { definition: CampaignDefinition; makeCurrent: boolean }): Promise<{ id: number; created: boolean }> {
  const def = input.definition;
  const result = await inTransaction(ctx.db, async (trx) => {
    const existing = await findCampaignIdByCode(trx, def.code);
    if (existing !== undefined) return { id: existing, created: false };
    const units = new Map<string, OrgUnitRow>();
    await ensureUnits(trx, null, def.orgUnits, units);
    const deptIds = new Map<string, number>();
    for (const [i, d] of def.departments.entries()) deptIds.set(d.code, await upsertDepartment(trx, d, i));
    const id = await insertCampaign(trx, def, { current: input.makeCurrent, at: nowIso() });
    for (const pair of def.liaisonPairs) {
      for (const town of pair.towns) {
        const unit = units.get(town);
        if (!unit) throw new Error(`帮包关系中的镇街不存在 / unknown town in liaison pairs: ${town}`);
        await insertLiaisonPair(trx, { campaignId: id, departmentId: deptIds.get(pair.department)!, orgUnitId: unit.id });
      }
    }
    await writeAudit(trx, { actor, action: 'campaign.install', entityType: 'campaign', entityId: id, after: { code: def.code, documentNumber: def.documentNumber, title: def.title } });
    return { id, created: true };
  });
  forgetCampaignCache(ctx.db);
  return result;
}

/** On first start: load the default campaign when there is none. */
export async function ensureDefaultCampaign(ctx: { db: Db }): Promise<boolean> {
  if (await anyCampaign(ctx.db)) return false;
  await installCampaign(ctx, null, { definition: readCampaignFile(DEFAULT_CAMPAIGN_FILE()), makeCurrent: true });
  return true;
}
