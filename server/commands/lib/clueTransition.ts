// A named workflow event applied to one disciplinary clue: forwarding it to the discipline
// department, or closing it. It re-checks the clue workflow table, authorizes, writes the change at
// the version the user read, and audits it, all in one transaction.
import { findTransition } from '../../../domain/workflows/workflow.js';
import { CLUE_WORKFLOW, type ClueEvent, type ClueStatus } from '../../../domain/workflows/clue.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { DisciplineClueRow } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { authorize, clueSubject } from '../../policies/index.js';
import { writeAudit } from '../../repositories/audit.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { findClue, updateClueAtVersion, type ClueChanges } from '../../repositories/clues.js';
import { readableClue } from './clue.js';
import { requireTransition, staleVersion } from './transition.js';

const HANDLED_MEANWHILE = '该线索已被他人处理，请刷新后重试';

export interface ClueTransition {
  id: number;
  /** The version the user read the clue at. */
  version: number;
  event: ClueEvent;
  /** What else the event records on the clue (who, when, the note). */
  changes: Omit<ClueChanges, 'status'>;
  /** What the audit record adds to the new status. */
  audit?: Record<string, unknown>;
}

/** Applies the event and answers the clue as it now stands. */
export function transitionClue(ctx: AppContext, actor: Actor, campaign: CampaignRecord, t: ClueTransition): Promise<DisciplineClueRow> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await readableClue(trx, actor, campaign, t.id);
    const status = row.status as ClueStatus;
    requireTransition(CLUE_WORKFLOW, status, t.event);
    authorize(actor, `clue.${t.event}`, clueSubject(row), 'clue.read');
    if (row.version !== t.version) throw staleVersion(HANDLED_MEANWHILE);
    const to = findTransition(CLUE_WORKFLOW, status, t.event)!.to;
    if (!(await updateClueAtVersion(trx, t.id, row.version, { ...t.changes, status: to }))) throw staleVersion(HANDLED_MEANWHILE);
    await writeAudit(trx, {
      actor,
      action: `clue.${t.event}`,
      entityType: 'clue',
      entityId: t.id,
      scopePath: row.org_path,
      before: { status },
      after: { status: to, ...t.audit },
    });
    return (await findClue(trx, campaign.id, t.id))!;
  });
}
