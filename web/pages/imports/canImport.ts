import type { MeDto } from '../../../domain/api.js';

const IMPORT_ROLES = ['office', 'town', 'town_head'];

/** Who may import a task table: users who register workshops as the office or a town. */
export function canImport(me: MeDto): boolean {
  return me.abilities.createEnterprise && me.roles.some((r) => IMPORT_ROLES.includes(r.role));
}
