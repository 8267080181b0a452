// 登录: checks a password (at the same pace whether the account exists or not), throttles repeated
// failures per address and name, opens a server-side session and audits the sign-in.
import type { Actor } from '../auth/actor.js';
import { clearFailures, isThrottled, recordFailure } from '../auth/loginThrottle.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { createSession } from '../repositories/sessions.js';
import { findUserByUsername, loadActor } from '../repositories/users.js';

// Verifying against a fixed hash when the user does not exist keeps the answer time the same.
let dummyHash: Promise<string> | undefined;

/** Answers the session token (for the cookie) and the signed-in actor. */
export async function logIn(ctx: AppContext, input: { username: string; password: string; from: string }): Promise<{ token: string; actor: Actor }> {
  const key = `${input.from}|${input.username}`;
  if (isThrottled(key)) throw new AppError('rate_limited', '登录失败次数过多，请 15 分钟后再试');
  const user = await findUserByUsername(ctx.db, input.username);
  dummyHash ??= hashPassword('qudi-dummy-password');
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
  if (!user || !ok || user.active !== 1) {
    recordFailure(key);
    throw new AppError('unauthenticated', '用户名或密码不正确');
  }
  clearFailures(key);
  const token = await createSession(ctx.db, user.id, ctx.config.sessionMaxDays);
  const actor = await loadActor(ctx.db, user, await currentCampaign(ctx.db));
  await inTransaction(ctx.db, (trx) => writeAudit(trx, { actor, action: 'auth.login', entityType: 'user', entityId: user.id }));
  return { token, actor };
}
