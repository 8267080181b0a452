// 删除宣传发动记录.
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { removeTownRecord } from './lib/townRecord.js';

export function removePublicityEvent(ctx: AppContext, actor: Actor, input: { id: number }): Promise<void> {
  return removeTownRecord(ctx, actor, 'publicity_events', input.id, 'publicity.delete');
}
