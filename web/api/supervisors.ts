// TanStack Query hooks for the supervisors on file (监管责任人): the towns in scope with their people, one
// town's with its history, a site's contact, the gaps, and naming someone (a town's role, a site's contact).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SiteSupervisorDto, SupervisionGapsDto, SupervisorAssign, TownSupervisorListDto, TownSupervisorRole, TownSupervisorsDto } from '../../domain/supervisors.js';
import { api } from './client.js';
import { keys as enterpriseKeys } from './hooks.js';

const keys = {
  all: ['supervisors'] as const,
  towns: ['supervisors', 'towns'] as const,
  town: (townId: number) => ['supervisors', 'town', townId] as const,
  site: (enterpriseId: number) => ['supervisors', 'site', enterpriseId] as const,
  gaps: (page: number, pageSize: number, town?: number) => ['supervisors', 'gaps', page, pageSize, town ?? null] as const,
};

/** The towns in the reader's scope with their current 主管领导 and 监管责任人. */
export function useTownSupervisorList() {
  return useQuery({ queryKey: keys.towns, queryFn: () => api.get<TownSupervisorListDto>('/api/supervision/towns') });
}

/** One town's people with the history, when `enabled` (e.g. its history is open). */
export function useTownSupervisors(townId: number, enabled = true) {
  return useQuery({ queryKey: keys.town(townId), queryFn: () => api.get<TownSupervisorsDto>(`/api/supervision/towns/${townId}/supervisors`), enabled });
}

export function useSiteSupervisor(enterpriseId: number) {
  return useQuery({ queryKey: keys.site(enterpriseId), queryFn: () => api.get<SiteSupervisorDto>(`/api/enterprises/${enterpriseId}/supervisor`) });
}

const gaps = (page: number, pageSize: number, town?: number) => ({
  queryKey: keys.gaps(page, pageSize, town),
  queryFn: () => api.get<SupervisionGapsDto>('/api/supervision/gaps', { page, pageSize, town }),
});

/** The towns missing someone and one page of the sites under supervision without a village contact. */
export function useSupervisionGaps(page: number, pageSize: number, town?: number) {
  return useQuery(gaps(page, pageSize, town));
}

/** One page of the sites under supervision without a village contact (the gaps' sites), as a paged list. */
export function useSitesWithoutContact(page: number, pageSize: number, town?: number) {
  return useQuery({ ...gaps(page, pageSize, town), select: (d) => d.sites });
}

/** Names (or changes) a town's 主管领导 or 监管责任人; every supervisors' query refreshes. */
export function useAssignTownSupervisor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ townId, role, body }: { townId: number; role: TownSupervisorRole; body: SupervisorAssign }) =>
      api.put<TownSupervisorsDto>(`/api/supervision/towns/${townId}/supervisors/${role}`, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** Names (or changes) a site's 村居监管责任人; the supervisors' queries and the workshop's history refresh. */
export function useAssignSiteSupervisor(enterpriseId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SupervisorAssign) => api.put<SiteSupervisorDto>(`/api/enterprises/${enterpriseId}/supervisor`, body),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.all });
      void qc.invalidateQueries({ queryKey: enterpriseKeys.history(enterpriseId) });
    },
  });
}
