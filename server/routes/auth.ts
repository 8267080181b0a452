import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { meDto, type MeDto } from '../../domain/api.js';
import { noContent, TAGS } from '../../domain/contract.js';
import { loginSchema } from '../../domain/auth.js';
import type { Actor } from '../auth/actor.js';
import { logIn } from '../commands/logIn.js';
import { logOut } from '../commands/logOut.js';
import type { AppContext } from '../context.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { homeTownPath, presentMe } from '../presenters/me.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import type { SessionActorCache } from '../repositories/sessions.js';

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
    config: { public: true, problems: ['unauthenticated', 'rate_limited'] },
    schema: { tags: [TAGS.auth.name], summary: '登录：设置会话 Cookie（qudi_session），答复当前用户', body: loginSchema, response: { 200: meDto } },
  }, async (request, reply): Promise<MeDto> => {
    const { token, actor } = await logIn(ctx, { ...request.body, from: request.ip });
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.cookieSecure,
      maxAge: ctx.config.sessionMaxDays * 86_400,
    });
    return meOf(ctx, actor);
  });

  r.get('/api/auth/me', { config: { action: 'session.read' }, schema: { tags: [TAGS.auth.name], summary: '当前用户、角色与可做的操作', response: { 200: meDto } } }, async (request): Promise<MeDto> => {
    const actor = request.requireActor();
    request.authorize('session.read', null);
    return meOf(ctx, actor);
  });

  r.post('/api/auth/logout', { config: { public: true }, schema: { tags: [TAGS.auth.name], summary: '退出登录', response: { 204: noContent } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      sessions.forget(token);
      await logOut(ctx, { token });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.status(204);
    return null;
  });
}
