// A named workflow event applied to one workshop by a person: verdict, exclusion, recurrence. It
// re-checks the workflow table, authorizes, writes the change at the version it read, and audits
// it, all in one transaction.
import type { Status } from '../../../domain/status.js';
import { findTransition } from '../../../domain/workflows/workflow.js';
import { WORKSHOP_WORKFLOW, type WorkflowEvent } from '../../../domain/workflows/workshop.js';
import { nowIso } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Db, EnterpriseRow } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { authorize, enterpriseSubject } from '../../policies/index.js';
import { writeAudit } from '../../repositories/audit.js';
import { currentCampaign } from '../../repositories/campaigns.js';
import { resetItems, updateEnterpriseAtVersion } from '../../repositories/enterprises.js';
import { requireTransition, staleVersion } from './transition.js';
import { loadWorkshopForChange, WORKSHOP_CHANGED } from './workshop.js';

export interface WorkshopTransition {
  id: number;
  event: WorkflowEvent;
  /** The policy action that allows it. */
  action: string;
  /** Kept on the workshop as status_reason ('' for none). */
  reason: string;
  /** Writes what else the event records (a verdict, reset items) and answers what the audit adds. */
  extra?: (trx: Db, now: string) => Promise<Record<string, unknown>>;
}

export async function transitionWorkshop(ctx: AppContext, actor: Actor, t: WorkshopTransition): Promise<{ status: Status }> {
  const campaign = await currentCampaign(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadWorkshopForChange(trx, actor, t.id, campaign.id);
    return applyWorkshopTransition(trx, actor, row, t);
  });
}

/**
 * The event inside the caller's transaction, on the workshop the caller loaded locked (a patrol that
 * finds production again recurs the site in the patrol's own transaction).
 */
export async function applyWorkshopTransition(trx: Db, actor: Actor, row: EnterpriseRow, t: WorkshopTransition): Promise<{ status: Status }> {
  const status = row.status as Status;
  requireTransition(WORKSHOP_WORKFLOW, status, t.event);
  authorize(actor, t.action, enterpriseSubject(row), 'enterprise.read');
  const to = findTransition(WORKSHOP_WORKFLOW, status, t.event)!.to;
  const now = nowIso();
  const after = (await t.extra?.(trx, now)) ?? {};
  // A recurrence reopens the shutdown and takes the site off the patrol schedule until it is shut down again.
  const changes = { status: to, status_reason: t.reason, updated_at: now, ...(t.event === 'recur' ? { items_done: 0, reopened_at: now, patrol_due_on: null } : {}) };
  if (!(await updateEnterpriseAtVersion(trx, row, changes))) throw staleVersion(WORKSHOP_CHANGED);
  await writeAudit(trx, {
    actor,
    action: `status.${t.event}`,
    entityType: 'enterprise',
    entityId: row.id,
    scopePath: row.org_path,
    before: { status },
    after: { status: to, ...(t.reason ? { reason: t.reason } : {}), ...after },
  });
  return { status: to };
}

/** 反弹 as a transition: every item back to pending. Marked by hand (markRecurred), or by a patrol that finds production again. */
export function recurrence(actor: Actor, input: { id: number; reason: string }): WorkshopTransition {
  return {
    id: input.id,
    event: 'recur',
    action: 'enterprise.recur',
    reason: input.reason,
    extra: async (trx, now) => {
      await resetItems(trx, input.id, now, actor.id);
      return { itemsReset: true };
    },
  };
}
