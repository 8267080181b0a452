// 删除领导机构成员.
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { removeTownRecord } from './lib/townRecord.js';

export function removeLeadingMember(ctx: AppContext, actor: Actor, input: { id: number }): Promise<void> {
  return removeTownRecord(ctx, actor, 'town_leading_members', input.id, 'leadingMember.delete');
}
