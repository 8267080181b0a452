// TanStack Query hooks for patrols (巡查): a workshop's patrols and schedule, the patrols in scope, the
// sites due, and recording one (which may recur the workshop: its page and lists refresh).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PatrolCreate, PatrolDto, PatrolDueListDto, PatrolListDto } from '../../domain/patrols.js';
import { agendaKey } from './agenda.js';
import { api } from './client.js';
import { keys as enterpriseKeys } from './hooks.js';

const keys = {
  all: ['patrols'] as const,
  of: (enterpriseId: number) => ['patrols', 'workshop', enterpriseId] as const,
  list: (page: number) => ['patrols', 'list', page] as const,
  due: (overdue: boolean, page: number) => ['patrols', 'due', overdue, page] as const,
};

export function useWorkshopPatrols(enterpriseId: number, enabled: boolean) {
  return useQuery({ queryKey: keys.of(enterpriseId), queryFn: () => api.get<PatrolListDto>(`/api/enterprises/${enterpriseId}/patrols`), enabled });
}

export function usePatrols(page: number, pageSize: number) {
  return useQuery({ queryKey: keys.list(page), queryFn: () => api.get<PatrolListDto>('/api/patrols', { page, pageSize }) });
}

export function usePatrolsDue(overdue: boolean, page: number, pageSize: number) {
  return useQuery({ queryKey: keys.due(overdue, page), queryFn: () => api.get<PatrolDueListDto>('/api/patrols/due', { ...(overdue ? { overdue: 'true' } : {}), page, pageSize }) });
}

export function useRecordPatrol(enterpriseId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PatrolCreate) => api.post<PatrolDto>(`/api/enterprises/${enterpriseId}/patrols`, body),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.all });
      void qc.invalidateQueries({ queryKey: enterpriseKeys.enterprise(enterpriseId) });
      void qc.invalidateQueries({ queryKey: enterpriseKeys.history(enterpriseId) });
      void qc.invalidateQueries({ queryKey: agendaKey });
    },
  });
}
