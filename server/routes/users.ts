import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ROLES } from '../../domain/roles.js';
import { z } from '../../domain/zod.js';
import { createUser } from '../commands/createUser.js';
import type { AppContext } from '../context.js';
import { currentCampaign } from '../repositories/campaigns.js';

const userCreateSchema = z.strictObject({
  username: z.string().trim().min(2, { error: '用户名至少 2 位' }).max(64),
  displayName: z.string().trim().max(50).default(''),
  password: z.string().min(8, { error: '密码至少 8 位' }).max(256),
  role: z.enum(ROLES, { error: '请选择角色' }),
  scope: z.string().trim().max(100).default(''),
});

export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/users', { config: { action: 'user.manage' }, schema: { tags: ['users'], summary: '用户列表（管理员）' } }, async (request) => {
    request.requireActor();
    request.authorize('user.manage', null);
    const rows = await ctx.db
      .selectFrom('users as u')
      .leftJoin('role_assignments as ra', 'ra.user_id', 'u.id')
      .leftJoin('org_units as ou', 'ou.id', 'ra.org_unit_id')
      .leftJoin('departments as d', 'd.id', 'ra.department_id')
      .select(['u.id', 'u.username', 'u.display_name', 'u.active', 'ra.role', 'ou.name as org_unit_name', 'd.name as department_name'])
      .orderBy('u.id')
      .limit(5000)
      .execute();
    return {
      items: rows.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, active: u.active === 1, role: u.role, scope: u.department_name ?? u.org_unit_name ?? '' })),
      total: rows.length,
    };
  });

  r.post('/api/users', { config: { action: 'user.manage' }, schema: { tags: ['users'], summary: '新建用户（管理员）', body: userCreateSchema } }, async (request, reply) => {
    const actor = request.requireActor();
    request.authorize('user.manage', null);
    const id = await createUser(ctx.db, await currentCampaign(ctx.db), actor, request.body);
    reply.status(201);
    return { id };
  });
}
