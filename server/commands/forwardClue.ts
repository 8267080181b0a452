// 移交: the discipline role or the office director forwards a registered clue to the department
// that investigates disciplinary violations, read from the campaign's departments.
import { disciplineDepartment, NO_DISCIPLINE_DEPARTMENT, type ClueForward } from '../../domain/selfInspection.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import type { DisciplineClueRow } from '../db/schema.js';
import { conflict } from '../errors.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { transitionClue } from './lib/clueTransition.js';

export async function forwardClue(ctx: AppContext, actor: Actor, input: { id: number } & ClueForward): Promise<DisciplineClueRow> {
  const campaign = await currentCampaign(ctx.db);
  const dept = disciplineDepartment(campaign.definition);
  if (!dept) throw conflict(NO_DISCIPLINE_DEPARTMENT);
  return transitionClue(ctx, actor, campaign, {
    id: input.id,
    version: input.version,
    event: 'forward',
    changes: { forwarded_by: actor.id, forwarded_at: nowIso(), forwarded_to_code: dept.code, forwarded_to: dept.name, forward_note: input.note },
    audit: { to: dept.code },
  });
}
