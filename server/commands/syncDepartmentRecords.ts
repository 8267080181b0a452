// 同步部门记录职责: a campaign installed before departments had `records` (incidents, interceptions,
// cases, crime_transfers) keeps its definition as stored, so nobody may record those. The operator
// copies the departments' `records` from a definition file (the default, or their own) into the
// current campaign: matched by department code, nothing else changes; audited as 系统; idempotent.
import type { CampaignDefinition } from '../../domain/campaign.js';
import type { Db } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign, forgetCampaignCache, updateCampaignDefinition } from '../repositories/campaigns.js';

export interface RecordsChange {
  code: string;
  name: string;
  before: string[];
  after: string[];
}

export async function syncDepartmentRecords(ctx: { db: Db }, actor: null, input: { from: CampaignDefinition }): Promise<RecordsChange[]> {
  const campaign = await currentCampaign(ctx.db);
  const wanted = new Map(input.from.departments.map((d) => [d.code, [...d.records]]));
  const changes: RecordsChange[] = [];
  const departments = campaign.definition.departments.map((d) => {
    const after = wanted.get(d.code);
    if (!after || JSON.stringify([...d.records].sort()) === JSON.stringify([...after].sort())) return d;
    changes.push({ code: d.code, name: d.name, before: [...d.records], after });
    return { ...d, records: after as typeof d.records };
  });
  if (changes.length === 0) return [];
  await inTransaction(ctx.db, async (trx) => {
    await updateCampaignDefinition(trx, campaign.id, { ...campaign.definition, departments });
    await writeAudit(trx, {
      actor,
      action: 'campaign.records',
      entityType: 'campaign',
      entityId: campaign.id,
      before: Object.fromEntries(changes.map((c) => [c.code, c.before])),
      after: Object.fromEntries(changes.map((c) => [c.code, c.after])),
    });
  });
  forgetCampaignCache(ctx.db);
  return changes;
}
