// User accounts (用户管理): administrators list and create them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listOf, type ListResponse } from '../../domain/api.js';
import { TAGS } from '../../domain/contract.js';
import { userCreatedDto, userCreateSchema, userRowDto, type UserRowDto } from '../../domain/users.js';
import { createUser } from '../commands/createUser.js';
import type { AppContext } from '../context.js';
import { presentUserRow } from '../presenters/user.js';
import { listUsersWithRoles } from '../repositories/users.js';

export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/users', { config: { action: 'user.manage' }, schema: { tags: [TAGS.organisation.name], summary: '用户列表（管理员）', response: { 200: listOf(userRowDto, '全部用户（每个角色一行）') } } }, async (request): Promise<ListResponse<UserRowDto>> => {
    request.authorize('user.manage', null);
    const rows = await listUsersWithRoles(ctx.db, 5000);
    return { items: rows.map(presentUserRow), total: rows.length };
  });

  r.post('/api/users', { config: { action: 'user.manage', problems: ['conflict'] }, schema: { tags: [TAGS.organisation.name], summary: '新建用户（管理员）', body: userCreateSchema, response: { 201: userCreatedDto } } }, async (request, reply) => {
    const id = await createUser(ctx, request.requireActor(), request.body);
    reply.status(201);
    return { id };
  });
}
