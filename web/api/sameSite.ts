// TanStack Query hooks for 改头换面: the shut sites a workshop may be, and a keeper's decision on one
// (both workshops' lists and histories refresh).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SameSiteDecisionInput, SameSiteResultDto } from '../../domain/sameSite.js';
import { api } from './client.js';
import { keys as enterpriseKeys } from './hooks.js';

const keys = {
  all: ['sameSite'] as const,
  of: (enterpriseId: number) => ['sameSite', enterpriseId] as const,
};

export function useSameSites(enterpriseId: number) {
  return useQuery({ queryKey: keys.of(enterpriseId), queryFn: () => api.get<SameSiteResultDto>(`/api/enterprises/${enterpriseId}/same-site`) });
}

export function useDecideSameSite(enterpriseId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ siteId, body }: { siteId: number; body: SameSiteDecisionInput }) => api.put<SameSiteResultDto>(`/api/enterprises/${enterpriseId}/same-site/${siteId}`, body),
    onSuccess: (data) => qc.setQueryData(keys.of(enterpriseId), data),
    onSettled: (_data, _error, { siteId }) => {
      void qc.invalidateQueries({ queryKey: keys.all });
      void qc.invalidateQueries({ queryKey: enterpriseKeys.history(enterpriseId) });
      void qc.invalidateQueries({ queryKey: enterpriseKeys.history(siteId) });
    },
  });
}
