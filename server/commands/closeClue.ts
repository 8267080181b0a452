// 办结: a forwarded clue is closed with the outcome of the investigation.
import type { ClueClose } from '../../domain/selfInspection.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import type { DisciplineClueRow } from '../db/schema.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { transitionClue } from './lib/clueTransition.js';

export async function closeClue(ctx: AppContext, actor: Actor, input: { id: number } & ClueClose): Promise<DisciplineClueRow> {
  const campaign = await currentCampaign(ctx.db);
  return transitionClue(ctx, actor, campaign, {
    id: input.id,
    version: input.version,
    event: 'close',
    changes: { closed_by: actor.id, closed_at: nowIso(), closing_note: input.note },
  });
}
