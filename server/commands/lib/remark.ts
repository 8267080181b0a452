// What the remark commands share: the unit a remark or an answer is made in the name of.
import { roleLabels } from '../../../domain/i18n/labels.zh-CN.js';
import { ROLE_SCOPE_KIND } from '../../../domain/roles.js';
import type { Grant } from '../../auth/actor.js';

/**
 * The unit a grant speaks for, as a remark shows it: a liaison department's name, a town's name, or
 * for a district-wide role its title (领导小组办公室).
 */
export function unitOf(grant: Grant): string {
  if (grant.departmentName) return grant.departmentName;
  if (ROLE_SCOPE_KIND[grant.role] !== 'district' && grant.orgUnitName) return grant.orgUnitName;
  return roleLabels[grant.role];
}
