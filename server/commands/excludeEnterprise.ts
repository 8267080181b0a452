// 排除: the office excludes a surveyed site found not to be a 土小企业, with its reason.
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { transitionWorkshop } from './lib/workshopTransition.js';

export function excludeEnterprise(ctx: AppContext, actor: Actor, input: { id: number; reason: string }) {
  return transitionWorkshop(ctx, actor, { id: input.id, event: 'exclude', action: 'enterprise.exclude', reason: input.reason });
}
