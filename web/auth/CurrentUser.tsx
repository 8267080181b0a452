import { createContext, useContext, type ReactNode } from 'react';
import type { MeDto, RoleAssignmentDto } from '../../domain/api.js';
import type { Role } from '../../domain/roles.js';
import { t } from '../i18n/index.js';
import { label } from '../i18n/labels.js';

const CurrentUserContext = createContext<MeDto | null>(null);

export function CurrentUserProvider({ me, children }: { me: MeDto; children: ReactNode }) {
  return <CurrentUserContext.Provider value={me}>{children}</CurrentUserContext.Provider>;
}

/** The signed-in user inside the app shell (the shell renders only once /api/auth/me answered). */
export function useCurrentUser(): MeDto {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser outside the signed-in app shell');
  return me;
}

export function hasRole(me: MeDto, ...roles: Role[]): boolean {
  return me.roles.some((r) => roles.includes(r.role));
}

/**
 * A village head without a town- or district-level register role: every workshop they register
 * goes into one of their villages (they see the town above, but cannot place a workshop there).
 */
export function registersInVillagesOnly(me: MeDto): boolean {
  return hasRole(me, 'village') && !hasRole(me, 'office', 'town', 'town_head');
}

/**
 * Whether every role is scoped to a town or a village: such a user most likely sees one town.
 * A guess for while the town list loads (two towns' grants make it wrong; the list then decides).
 */
export function likelyOneTown(me: MeDto): boolean {
  return me.roles.length > 0 && me.roles.every((r) => r.role === 'town' || r.role === 'town_head' || r.role === 'village');
}

/** e.g. "<role label> · <scope name>" */
export function assignmentLabel(a: RoleAssignmentDto): string {
  const scope = a.departmentName ?? a.orgUnitName;
  return scope ? `${label.role(a.role)}${t('header.scopeSeparator')}${scope}` : label.role(a.role);
}

/**
 * Which home page answers "what must I do today" for this user. Register keepers (town, village)
 * come first, then departments, the inspectors, and overview roles; admins without other roles last.
 */
export type HomeKind = 'register' | 'department' | 'inspector' | 'overview' | 'admin';

export function homeKind(me: MeDto): HomeKind {
  if (hasRole(me, 'town', 'town_head', 'village')) return 'register';
  if (hasRole(me, 'department')) return 'department';
  if (hasRole(me, 'inspector')) return 'inspector';
  if (hasRole(me, 'office', 'leader', 'discipline', 'liaison')) return 'overview';
  return 'admin';
}
