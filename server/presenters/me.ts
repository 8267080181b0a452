import type { MeDto } from '../../domain/api.js';
import { can, covers, type Actor } from '../policies/index.js';
import { REGISTER_ROLES } from '../policies/enterprise.js';

export function presentMe(actor: Actor): MeDto {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.grants.map((g) => ({
      role: g.role,
      orgUnitId: g.orgUnitId,
      orgUnitName: g.orgUnitName,
      departmentId: g.departmentId,
      departmentName: g.departmentName,
      director: g.director === true,
    })),
    abilities: {
      manageUsers: can(actor, 'user.manage', null),
      createEnterprise: actor.grants.some((g) => REGISTER_ROLES.includes(g.role)),
      createVillage: actor.grants.some((g) => ['office', 'town', 'town_head'].includes(g.role)),
      viewDashboard: can(actor, 'dashboard.read', null),
    },
  };
}
export { covers };
