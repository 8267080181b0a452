// 重设密码: a user who forgot their password gets a new one from the server's operator
// (`qudi user password USERNAME`), without an actor, audited as 系统. Every session the user had
// ends with it, so whoever may have known the old password is signed out as well.
import type { Actor } from '../auth/actor.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password.js';
import type { Db } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { invalid, notFound } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { deleteUserSessions } from '../repositories/sessions.js';
import { findUserByUsername, updatePasswordHash } from '../repositories/users.js';

export async function resetPassword(
  ctx: { db: Db },
  by: Actor | null,
  input: { username: string; password: string },
): Promise<{ userId: number; sessionsEnded: number }> {
  if (by) authorize(by, 'user.manage', null);
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw invalid(`密码至少 ${MIN_PASSWORD_LENGTH} 位`, [{ path: 'password', message: '密码过短' }]);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx.db, async (trx) => {
    const user = await findUserByUsername(trx, input.username);
    if (!user) throw notFound(`找不到用户“${input.username}”`);
    await updatePasswordHash(trx, user.id, passwordHash);
    const sessionsEnded = await deleteUserSessions(trx, user.id);
    await writeAudit(trx, { actor: by, action: 'user.password', entityType: 'user', entityId: user.id, after: { username: user.username, sessionsEnded } });
    return { userId: user.id, sessionsEnded };
  });
}
