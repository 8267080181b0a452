// Resolves the session cookie to an Actor on every request and offers `request.authorize`, the
// route's shorthand for policies' authorize(). A route that declares neither `config.public` nor
// `config.action` is refused at registration; a non-public route that answers without anyone —
// the route or the command it calls — having authorized for its actor is an error.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { authorize, wasAuthorized } from '../policies/index.js';
import { AppError } from '../errors.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { SessionActorCache } from '../repositories/sessions.js';
import type { AppContext } from '../context.js';

export const SESSION_COOKIE = 'qudi_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The policy action this route checks (documentation and the route-coverage test). */
    action?: string;
    /** Reachable without login. */
    public?: boolean;
  }
  interface FastifyInstance {
    /** Every API route as registered, with its authorization declaration (for the coverage test). */
    apiRoutes: { method: string; url: string; action?: string; public?: boolean }[];
  }
  interface FastifyRequest {
    /** The signed-in user: an object of this request's own, so that authorizations are tracked per request. */
    actor: Actor | null;
    /** Checks `action` on `subject`; out of scope answers 404, in scope but not allowed 403. */
    authorize<S>(action: string, subject: S, readAction?: string): void;
    /** The signed-in actor, or 401. */
    requireActor(): Actor;
  }
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): SessionActorCache {
  const sessions = new SessionActorCache(ctx.config.sessionCacheSeconds * 1000);
  app.decorateRequest('actor', null);
  app.decorateRequest('requireActor', function (this: FastifyRequest) {
    if (!this.actor) throw new AppError('unauthenticated', '请先登录');
    return this.actor;
  });
  app.decorateRequest('authorize', function <S>(this: FastifyRequest, action: string, subject: S, readAction?: string) {
    authorize(this.requireActor(), action, subject, readAction);
  });

  app.decorate('apiRoutes', []);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs')) return;
    const config = route.config as { public?: boolean; action?: string } | undefined;
    if (!config?.public && !config?.action)
      throw new Error(`route ${route.method} ${route.url} declares no authorization (config.action or config.public)`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, action: config.action, public: config.public });
  });

  // Resolve the session first and refuse anonymous callers before any body is parsed or validated.
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    const cached = token ? await sessions.resolve(ctx.db, token, ctx.config.sessionIdleMinutes, await currentCampaign(ctx.db)) : undefined;
    // The session cache hands every request the same actor; each request gets its own copy.
    if (cached) request.actor = { ...cached };
    const config = request.routeOptions.config as { public?: boolean } | undefined;
    const url = request.routeOptions.url ?? '';
    if (url.startsWith('/api') && !url.startsWith('/api/docs') && !config?.public && !request.actor)
      throw new AppError('unauthenticated', '请先登录');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const config = request.routeOptions.config as { public?: boolean; action?: string } | undefined;
    const url = request.routeOptions.url ?? '';
    if (!url.startsWith('/api') || url.startsWith('/api/docs') || config?.public) return payload;
    // The action the route declares must have been checked, by the route or the command it called.
    if (reply.statusCode < 400 && !(request.actor && config?.action && wasAuthorized(request.actor, config.action))) {
      request.log.error({ url: request.url, action: config?.action }, 'route answered without checking the action it declares');
      throw new Error('authorization not checked');
    }
    return payload;
  });
  return sessions;
}
