import { createContext, useContext, type ReactNode } from 'react';
import type { MeDto, RoleAssignmentDto } from '../../domain/api.js';
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

/** e.g. "<role label> · <scope name>" */
export function assignmentLabel(a: RoleAssignmentDto): string {
  const scope = a.departmentName ?? a.orgUnitName;
  return scope ? `${label.role(a.role)}${t('header.scopeSeparator')}${scope}` : label.role(a.role);
}
