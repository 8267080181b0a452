import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { MeDto } from '../../domain/api.js';
import { loginSchema } from '../../domain/enterprise.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { clearFailures, isThrottled, recordFailure } from '../auth/loginThrottle.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import type { Actor } from '../auth/actor.js';
import { homeTownPath, presentMe } from '../presenters/me.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { createSession, deleteSession, type SessionActorCache } from '../repositories/sessions.js';
import { findUserByUsername, loadActor } from '../repositories/users.js';

// Verifying against a fixed hash when the user does not exist keeps the answer time the same.
let dummyHash: Promise<string> | undefined;

/** The user as /api/auth/me answers: with their abilities and the town they work in, if one. */
async function meOf(ctx: AppContext, actor: Actor): Promise<MeDto> {
  const campaign = await currentCampaign(ctx.db);
  const townPath = homeTownPath(actor, campaign.rootPath);
  const town = townPath ? await findOrgUnit(ctx.db, Number(townPath.split('/').at(-2))) : undefined;
  return presentMe(actor, campaign, town ? { id: town.id, name: town.name } : null);
}

export function authRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionActorCache): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/auth/login', {
    config: { public: true },
    schema: { tags: ['auth'], summary: '登录', body: loginSchema },
  }, async (request, reply): Promise<MeDto> => {
    const { username, password } = request.body;
    const key = `${request.ip}|${username}`;
    if (isThrottled(key)) throw new AppError('rate_limited', '登录失败次数过多，请 15 分钟后再试');
    const user = await findUserByUsername(ctx.db, username);
    dummyHash ??= hashPassword('qudi-dummy-password');
    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
    if (!user || !ok || user.active !== 1) {
      recordFailure(key);
      throw new AppError('unauthenticated', '用户名或密码不正确');
    }
    clearFailures(key);
    const token = await createSession(ctx.db, user.id, ctx.config.sessionMaxDays);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.cookieSecure,
      maxAge: ctx.config.sessionMaxDays * 86_400,
    });
    const campaign = await currentCampaign(ctx.db);
    const actor = await loadActor(ctx.db, user, campaign);
    await ctx.db.transaction().execute((trx) => writeAudit(trx, { actor, action: 'auth.login', entityType: 'user', entityId: user.id }));
    return meOf(ctx, actor);
  });

  r.get('/api/auth/me', { config: { action: 'session.read' }, schema: { tags: ['auth'], summary: '当前用户及其角色' } }, async (request): Promise<MeDto> => {
    const actor = request.requireActor();
    request.authorize('session.read', null);
    return meOf(ctx, actor);
  });

  r.post('/api/auth/logout', { config: { public: true }, schema: { tags: ['auth'], summary: '退出登录' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      sessions.forget(token);
      await deleteSession(ctx.db, token);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.status(204);
    return null;
  });
}
