// 反弹: a confirmed recurrence reopens the shutdown; every standard item must be done again, and
// evidence from before now counts for none of them (domain/evidence.ts).
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { recurrence, transitionWorkshop } from './lib/workshopTransition.js';

export function markRecurred(ctx: AppContext, actor: Actor, input: { id: number; reason: string }) {
  return transitionWorkshop(ctx, actor, recurrence(actor, input));
}
