// A signed-in user as a test drives the API: app.inject with their session cookie.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Agent {
  userId: number;
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body: unknown): Promise<LightMyRequestResponse>;
}

export function agentFor(app: FastifyInstance, cookie: string, userId: number): Agent {
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  return {
    userId,
    cookie,
    get: (url) => send('GET', url),
    post: (url, body) => send('POST', url, body ?? {}),
    patch: (url, body) => send('PATCH', url, body),
    put: (url, body) => send('PUT', url, body),
  };
}

/** What the factories work in: the app under test, its data and the campaign it loaded. */
export interface TestEnv {
  app: FastifyInstance;
  ctx: import('../../context.js').AppContext;
  campaign: import('../../repositories/campaigns.js').CampaignRecord;
  /** The campaign's towns, in definition order. */
  towns: { id: number; name: string; path: string }[];
}
