// TanStack Query hooks for joint enforcement (联合执法): the list, one operation, applying, the
// office's decisions, the town's correction, and each workshop's result.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JointOperationDetailDto, JointOperationListDto, JointOperationStatus } from '../../domain/jointOperations.js';
import { api } from './client.js';

const keys = {
  all: ['joint-operations'] as const,
  list: (params: { status?: JointOperationStatus; page: number }) => ['joint-operations', 'list', params] as const,
  one: (id: number) => ['joint-operations', 'one', id] as const,
};

export function useJointOperations(params: { status?: JointOperationStatus; page: number; pageSize: number }) {
  return useQuery({ queryKey: keys.list(params), queryFn: () => api.get<JointOperationListDto>('/api/joint-operations', { ...params }) });
}

export function useJointOperation(id: number) {
  return useQuery({ queryKey: keys.one(id), queryFn: () => api.get<JointOperationDetailDto>(`/api/joint-operations/${id}`) });
}

export const operationSheetUrl = (id: number) => `/api/joint-operations/${id}/sheet.docx`;

/** Any write: answers the operation as it now stands; every operation list and this one refresh (also after a 409). */
export function useOperationWrite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api.post<JointOperationDetailDto>(path, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
