// 修改土政策记录: a PATCH of a 土政策 record at the version the editor started from, e.g. marking it
// cleared (已清理) with the date.
import type { SelfPolicyUpdate } from '../../domain/selfInspection.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { SELF_POLICY_COLUMNS, updateSelfPolicyAtVersion, type SelfPolicyChanges } from '../repositories/selfPolicies.js';
import { readableSelfPolicy } from './lib/selfPolicy.js';
import { staleVersion } from './lib/transition.js';

const EDITED_MEANWHILE = '该记录已被他人修改，请刷新后重新编辑（您的修改未保存）';

type Field = keyof typeof SELF_POLICY_COLUMNS;

export async function updateSelfPolicy(ctx: AppContext, actor: Actor, input: { id: number; patch: SelfPolicyUpdate }): Promise<void> {
  const { id, patch } = input;
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const row = await readableSelfPolicy(trx, actor, campaign, id);
    authorize(actor, 'selfPolicy.update', { orgPath: row.org_path }, 'selfPolicy.read');
    if (row.version !== patch.version) throw staleVersion(EDITED_MEANWHILE);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(SELF_POLICY_COLUMNS) as [Field, (typeof SELF_POLICY_COLUMNS)[Field]][]) {
      const value = patch[key];
      if (value === undefined) continue;
      const stored = key === 'cleared' ? (value ? 1 : 0) : value;
      if (row[column] === stored) continue;
      before[key] = key === 'cleared' ? row.cleared === 1 : row[column];
      after[key] = value;
      set[column] = stored;
    }
    // 已清理 needs its date; not cleared has none.
    const cleared = (set.cleared ?? row.cleared) === 1;
    const clearedOn = (set.cleared_on !== undefined ? set.cleared_on : row.cleared_on) as string | null;
    if (cleared && !clearedOn) throw invalid('已清理的请填写清理日期', [{ path: 'clearedOn', message: '已清理的请填写清理日期' }]);
    if (!cleared && clearedOn) {
      if (patch.clearedOn) throw invalid('未清理的不应填写清理日期', [{ path: 'clearedOn', message: '未清理的不应填写清理日期' }]);
      set.cleared_on = null;
    }
    if (Object.keys(set).length === 0) return;
    const changes: SelfPolicyChanges = { ...set, updated_by: actor.id, updated_at: nowIso() };
    if (!(await updateSelfPolicyAtVersion(trx, id, row.version, changes))) throw staleVersion(EDITED_MEANWHILE);
    await writeAudit(trx, { actor, action: 'selfPolicy.update', entityType: 'self_policy', entityId: id, scopePath: row.org_path, before, after });
  });
}
