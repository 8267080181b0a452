import type { AppContext } from '../context.js';
import { deleteSession } from '../repositories/sessions.js';

/** 退出登录: the session ends on every instance (this one also forgets its cached copy, in the route). */
export async function logOut(ctx: AppContext, input: { token: string }): Promise<void> {
  await deleteSession(ctx.db, input.token);
}
