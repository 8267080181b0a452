// Installs a campaign definition: its org units, departments, liaison pairs and the campaign row.
// Idempotent: units and departments are matched by name/code, a campaign by its code.
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { parse as parseYaml } from 'yaml';
import { campaignDefinitionSchema, type CampaignDefinition, type OrgUnitNode } from '../../domain/campaign.js';
import type { Database, OrgUnitRow } from '../db/schema.js';
import { packageRoot } from '../paths.js';
import { writeAudit } from '../repositories/audit.js';
import { forgetCampaignCache } from '../repositories/campaigns.js';
import { findChildByName, insertOrgUnit } from '../repositories/orgUnits.js';
import { nowIso } from '../../domain/time.js';

export const DEFAULT_CAMPAIGN_FILE = () => path.join(packageRoot(), 'campaigns', 'default.yaml');

export function readCampaignFile(file: string): CampaignDefinition {
  const raw = fs.readFileSync(file, 'utf8');
  const data: unknown = file.endsWith('.json') ? JSON.parse(raw) : parseYaml(raw);
  const result = campaignDefinitionSchema.safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`行动定义文件有误 / invalid campaign definition (${file}):\n${lines.join('\n')}`);
  }
  return result.data;
}

async function ensureUnits(db: Kysely<Database>, parent: OrgUnitRow | null, node: OrgUnitNode, byName: Map<string, OrgUnitRow>) {
  const existing = await findChildByName(db, parent?.id ?? null, node.name);
  const unit = existing ?? (await insertOrgUnit(db, parent, node.kind, node.name));
  byName.set(node.name, unit);
  for (const child of node.children ?? []) await ensureUnits(db, unit, child, byName);
}

export async function installCampaign(
  db: Kysely<Database>,
  def: CampaignDefinition,
  opts: { makeCurrent: boolean },
): Promise<{ id: number; created: boolean }> {
  const result = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('campaigns').select('id').where('code', '=', def.code).executeTakeFirst();
    if (existing) return { id: existing.id, created: false };

    const units = new Map<string, OrgUnitRow>();
    await ensureUnits(trx, null, def.orgUnits, units);

    const deptIds = new Map<string, number>();
    for (const [i, d] of def.departments.entries()) {
      const found = await trx.selectFrom('departments').select('id').where('code', '=', d.code).executeTakeFirst();
      if (found) {
        await trx.updateTable('departments').set({ name: d.name, duties: JSON.stringify(d.duties), sort: i }).where('id', '=', found.id).execute();
        deptIds.set(d.code, found.id);
      } else {
        const ins = await trx
          .insertInto('departments')
          .values({ code: d.code, name: d.name, duties: JSON.stringify(d.duties), sort: i })
          .returning('id')
          .executeTakeFirstOrThrow();
        deptIds.set(d.code, ins.id);
      }
    }

    if (opts.makeCurrent) await trx.updateTable('campaigns').set({ is_current: 0 }).execute();
    const campaign = await trx
      .insertInto('campaigns')
      .values({
        code: def.code,
        document_number: def.documentNumber,
        title: def.title,
        issuer: def.issuer,
        definition: JSON.stringify(def),
        is_current: opts.makeCurrent ? 1 : 0,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    for (const pair of def.liaisonPairs) {
      for (const town of pair.towns) {
        const unit = units.get(town);
        if (!unit) throw new Error(`帮包关系中的镇街不存在 / unknown town in liaison pairs: ${town}`);
        await trx
          .insertInto('liaison_pairs')
          .values({ campaign_id: campaign.id, department_id: deptIds.get(pair.department)!, org_unit_id: unit.id })
          .execute();
      }
    }
    await writeAudit(trx, {
      actor: null,
      action: 'campaign.install',
      entityType: 'campaign',
      entityId: campaign.id,
      after: { code: def.code, documentNumber: def.documentNumber, title: def.title },
    });
    return { id: campaign.id, created: true };
  });
  forgetCampaignCache(db);
  return result;
}

/** On first start: load the default campaign when there is none. */
export async function ensureDefaultCampaign(db: Kysely<Database>): Promise<boolean> {
  const any = await db.selectFrom('campaigns').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  await installCampaign(db, readCampaignFile(DEFAULT_CAMPAIGN_FILE()), { makeCurrent: true });
  return true;
}
