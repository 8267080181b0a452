// 修改企业信息: a PATCH of the register fields, at the version the editor started from. Moving a
// workshop to another town or village moves its evidence files' scope with it.
import type { EnterprisePatch } from '../../domain/enterprise.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import type { NewEnterprise } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { authorize, enterpriseSubject } from '../policies/index.js';
import { moveEnterpriseAttachments, remeasureEnterpriseAttachments } from '../repositories/attachments.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { updateEnterpriseAtVersion, WORKSHOP_FIELD_COLUMNS, WORKSHOP_FIELDS } from '../repositories/enterprises.js';
import { checkKind } from './lib/kind.js';
import { resolvePlacement } from './lib/placement.js';
import { staleVersion } from './lib/transition.js';
import { loadWorkshopForChange } from './lib/workshop.js';

const EDITED_MEANWHILE = '该企业信息已被他人修改，请刷新后重新编辑（您的修改未保存）';

export async function updateEnterprise(ctx: AppContext, actor: Actor, input: { id: number; patch: EnterprisePatch }): Promise<void> {
  const { id, patch } = input;
  const campaign = await currentCampaign(ctx.db);
  if (patch.kind !== undefined) checkKind(campaign, patch.kind);
  await inTransaction(ctx.db, async (trx) => {
    const row = await loadWorkshopForChange(trx, actor, id, campaign.id);
    authorize(actor, 'enterprise.update', enterpriseSubject(row), 'enterprise.read');
    if (row.version !== patch.version) throw staleVersion(EDITED_MEANWHILE);

    const changes: Partial<NewEnterprise> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of WORKSHOP_FIELDS) {
      const value = patch[field];
      if (value === undefined) continue;
      const column = WORKSHOP_FIELD_COLUMNS[field];
      if (row[column] === value) continue;
      (changes as Record<string, unknown>)[column] = value;
      before[field] = row[column];
      after[field] = value;
    }
    if ('town_id' in changes || 'village_id' in changes) {
      const townId = changes.town_id ?? row.town_id;
      const villageId = 'village_id' in changes ? (changes.village_id ?? null) : row.town_id === townId ? row.village_id : null;
      const place = await resolvePlacement(trx, actor, campaign.rootPath, townId, villageId);
      authorize(actor, 'enterprise.create', { orgPath: place.path });
      changes.village_id = place.village?.id ?? null;
      changes.org_path = place.path;
    }
    const lng = changes.lng !== undefined ? changes.lng : row.lng;
    const lat = changes.lat !== undefined ? changes.lat : row.lat;
    if ((lng === null) !== (lat === null))
      throw new AppError('validation_failed', '经度和纬度须同时填写', [{ path: lng === null ? 'lng' : 'lat', message: '经度和纬度须同时填写' }]);
    if (Object.keys(after).length === 0) return;

    changes.updated_at = nowIso();
    if (!(await updateEnterpriseAtVersion(trx, row, changes))) throw staleVersion(EDITED_MEANWHILE);
    // Evidence files follow the workshop into its new scope, and are measured from where it now is.
    if (changes.org_path !== undefined && changes.org_path !== row.org_path) await moveEnterpriseAttachments(trx, id, changes.org_path);
    if (lng !== row.lng || lat !== row.lat) await remeasureEnterpriseAttachments(trx, id, { lat, lng }, ctx.config.evidenceMaxDistanceMetres);
    await writeAudit(trx, { actor, action: 'enterprise.update', entityType: 'enterprise', entityId: id, scopePath: changes.org_path ?? row.org_path, before, after });
  });
}
