import type { UserRowDto } from '../../domain/users.js';
import type { Role } from '../../domain/roles.js';

export function presentUserRow(u: { id: number; username: string; display_name: string; active: number; role: string | null; org_unit_name: string | null; department_name: string | null }): UserRowDto {
  return { id: u.id, username: u.username, displayName: u.display_name, active: u.active === 1, role: u.role as Role | null, scope: u.department_name ?? u.org_unit_name ?? '' };
}
