// User accounts (用户管理, administrators): the list and the create form.
import { ROLES } from './roles.js';
import { z } from './zod.js';

/** POST /api/users */
export const userCreateSchema = z.strictObject({
  username: z.string().trim().min(2, { error: '用户名至少 2 位' }).max(64),
  displayName: z.string().trim().max(50).default(''),
  password: z.string().min(8, { error: '密码至少 8 位' }).max(256),
  role: z.enum(ROLES, { error: '请选择角色' }),
  scope: z.string().trim().max(100).default(''),
});
export type UserCreate = z.input<typeof userCreateSchema>;

/** One role assignment of a user, as the list shows it (a user with several appears once per role). */
export const userRowDto = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    active: z.boolean(),
    role: z.enum(ROLES).nullable(),
    /** The scope's name: the department's, else the org unit's. */
    scope: z.string().meta({ description: '管辖范围：部门名称，或镇街、村居名称' }),
  })
  .meta({ id: 'UserRow', description: '用户的一个角色（有多个角色的用户每个角色一行）' });
export type UserRowDto = z.infer<typeof userRowDto>;

export const userCreatedDto = z.object({ id: z.number().int() }).meta({ description: '新用户的编号' });
