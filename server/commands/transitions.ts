// The workflow's named commands outside item recording: verdict, exclusion, recurrence.
import type { Verdict } from '../../domain/enterprise.js';
import type { Status } from '../../domain/status.js';
import { findTransition, type WorkflowEvent } from '../../domain/workflow.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { Actor } from '../policies/index.js';
import { enterpriseSubject } from '../presenters/enterprise.js';
import { writeAudit } from '../repositories/audit.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { insertVerdict, resetItems, updateEnterpriseAtVersion } from '../repositories/enterprises.js';
import { nowIso } from '../time.js';
import { loadEnterpriseForChange, requireTransition, type Authorize } from './common.js';

async function transition(
  ctx: AppContext,
  actor: Actor,
  authorize: Authorize,
  campaign: CampaignRecord,
  id: number,
  event: WorkflowEvent,
  action: string,
  reason: string,
  extra: (trx: AppContext['db'], now: string) => Promise<unknown>,
): Promise<{ status: Status }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadEnterpriseForChange(trx, ctx.dialect, actor, id, campaign.id);
    const status = row.status as Status;
    requireTransition(status, event);
    authorize(action, enterpriseSubject(row), 'enterprise.read');
    const to = findTransition(status, event)!.to;
    const now = nowIso();
    const after = await extra(trx, now);
    const changes = { status: to, status_reason: reason, updated_at: now, ...(event === 'recur' ? { items_done: 0, reopened_at: now } : {}) };
    if (!(await updateEnterpriseAtVersion(trx, id, row.version, changes)))
      throw new AppError('stale_version', '该企业信息已被他人修改，请刷新后重试');
    await writeAudit(trx, { actor, action: `status.${event}`, entityType: 'enterprise', entityId: id, scopePath: row.org_path, before: { status }, after: { status: to, ...(reason ? { reason } : {}), ...(after as object) } });
    return { status: to };
  });
}

export function recordVerdict(ctx: AppContext, actor: Actor, authorize: Authorize, campaign: CampaignRecord, id: number, v: Verdict) {
  const event = v.verdict === 'accepted' ? 'accept' : 'reject';
  const reasons = v.verdict === 'rejected' ? v.reasons : [];
  return transition(ctx, actor, authorize, campaign, id, event, 'enterprise.verdict', v.verdict === 'rejected' ? v.findings : '', async (trx, now) => {
    await insertVerdict(trx, { enterpriseId: id, verdict: v.verdict, reasons, findings: v.findings, inspectorId: actor.id, at: now });
    return { verdict: v.verdict, reasons, findings: v.findings };
  });
}

export function excludeEnterprise(ctx: AppContext, actor: Actor, authorize: Authorize, campaign: CampaignRecord, id: number, reason: string) {
  return transition(ctx, actor, authorize, campaign, id, 'exclude', 'enterprise.exclude', reason, async () => ({}));
}

/** A confirmed recurrence reopens the shutdown: every item must be done again. */
export function markRecurred(ctx: AppContext, actor: Actor, authorize: Authorize, campaign: CampaignRecord, id: number, reason: string) {
  return transition(ctx, actor, authorize, campaign, id, 'recur', 'enterprise.recur', reason, async (trx, now) => {
    await resetItems(trx, id, now, actor.id);
    return { itemsReset: true };
  });
}
