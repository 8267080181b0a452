// Users for tests: each with one role over one scope, created directly and signed in through the API.
import { randomBytes } from 'node:crypto';
import type { Role } from '../../../domain/roles.js';
import { hashPassword } from '../../auth/password.js';
import { resolveScope } from '../../commands/createUser.js';
import { insertRoleAssignment, insertUser } from '../../repositories/users.js';
import { agentFor, type Agent, type TestEnv } from '../setup/agent.js';

export const PASSWORD = 'test-password-1';

let passwordHash: Promise<string> | undefined;
let userSeq = 0;

/** Creates a user with `role` over `scope` (a town name, `town/village`, or a department code) and signs in. */
export async function login(env: TestEnv, role: Role, scope?: string, opts: { director?: boolean } = {}): Promise<Agent> {
  passwordHash ??= hashPassword(PASSWORD);
  const username = `u${++userSeq}_${role}_${randomBytes(3).toString('hex')}`;
  const resolved = await resolveScope(env.ctx.db, env.campaign, role, scope);
  const userId = await insertUser(env.ctx.db, { username, displayName: `${role} ${scope ?? ''}`, passwordHash: await passwordHash });
  await insertRoleAssignment(env.ctx.db, { userId, role, ...resolved, director: opts.director });
  const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : String(setCookie)).split(';')[0];
  return agentFor(env.app, cookie, userId);
}
