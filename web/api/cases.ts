// TanStack Query hooks for cases (违法案件): a workshop's, the list in scope, and every write (record,
// penalty, transfer, sign for) — after which the lists and the workshop's history refresh.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseDto, CaseListDto } from '../../domain/cases.js';
import { api } from './client.js';
import { keys as enterpriseKeys } from './hooks.js';

const keys = {
  all: ['cases'] as const,
  of: (enterpriseId: number) => ['cases', 'workshop', enterpriseId] as const,
  list: (page: number) => ['cases', 'list', page] as const,
};

export function useWorkshopCases(enterpriseId: number) {
  return useQuery({ queryKey: keys.of(enterpriseId), queryFn: () => api.get<CaseListDto>(`/api/enterprises/${enterpriseId}/cases`) });
}

export function useCases(page: number, pageSize: number) {
  return useQuery({ queryKey: keys.list(page), queryFn: () => api.get<CaseListDto>('/api/cases', { page, pageSize }) });
}

export function useCaseWrite(enterpriseId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: 'post' | 'patch'; path: string; body: unknown }) => (method === 'post' ? api.post<CaseDto>(path, body) : api.patch<CaseDto>(path, body)),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.all });
      void qc.invalidateQueries({ queryKey: enterpriseKeys.history(enterpriseId) });
    },
  });
}
