// TanStack Query hooks for obstruction incidents (阻碍执法事件): a workshop's, the list in scope,
// recording one and the police's update.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IncidentDto, IncidentListDto } from '../../domain/incidents.js';
import { api } from './client.js';
import { keys as enterpriseKeys } from './hooks.js';

const keys = {
  all: ['incidents'] as const,
  of: (enterpriseId: number) => ['incidents', 'workshop', enterpriseId] as const,
  list: (page: number) => ['incidents', 'list', page] as const,
};

export function useWorkshopIncidents(enterpriseId: number, enabled: boolean) {
  return useQuery({ queryKey: keys.of(enterpriseId), queryFn: () => api.get<IncidentListDto>(`/api/enterprises/${enterpriseId}/incidents`), enabled });
}

export function useIncidents(page: number, pageSize: number) {
  return useQuery({ queryKey: keys.list(page), queryFn: () => api.get<IncidentListDto>('/api/incidents', { page, pageSize }) });
}

/** Record (path of the workshop's incidents) or update (an incident's path, PATCH); the lists and the workshop's history refresh. */
export function useIncidentWrite(enterpriseId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: 'post' | 'patch'; path: string; body: unknown }) => (method === 'post' ? api.post<IncidentDto>(path, body) : api.patch<IncidentDto>(path, body)),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.all });
      void qc.invalidateQueries({ queryKey: enterpriseKeys.history(enterpriseId) });
    },
  });
}
