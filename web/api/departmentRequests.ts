// TanStack Query hooks for department requests (部门协办请求): a workshop's requests and making one,
// the queue in the user's scope, and the department's acts (accept, return, schedule, confirm).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DepartmentRequestCreateInput,
  DepartmentRequestDto,
  RequestQueueDto,
  RequestQueueFilter,
  WorkshopRequestListDto,
} from '../../domain/departmentRequests.js';
import { api } from './client.js';
import { keys as enterpriseKeys } from './hooks.js';

export interface QueueParams {
  status: RequestQueueFilter;
  town?: number;
  page: number;
  pageSize: number;
}

const keys = {
  all: ['department-requests'] as const,
  of: (enterpriseId: number) => ['department-requests', 'workshop', enterpriseId] as const,
  queue: (params: QueueParams) => ['department-requests', 'queue', params] as const,
};

/** A workshop's requests, oldest first, and the items the user may request now. */
export function useWorkshopRequests(enterpriseId: number) {
  return useQuery({
    queryKey: keys.of(enterpriseId),
    queryFn: () => api.get<WorkshopRequestListDto>(`/api/enterprises/${enterpriseId}/requests`),
  });
}

/** The queue in the user's scope, oldest first, with counts by state. */
export function useRequestQueue(params: QueueParams) {
  return useQuery({
    queryKey: keys.queue(params),
    queryFn: () => api.get<RequestQueueDto>('/api/department-requests', { ...params }),
  });
}

/** After a request changes: every request list, and the workshop (a confirmation records its item) with its history and evidence. */
function useRefresh() {
  const qc = useQueryClient();
  return (enterpriseId: number) => {
    void qc.invalidateQueries({ queryKey: keys.all });
    void qc.invalidateQueries({ queryKey: enterpriseKeys.enterprise(enterpriseId) });
    void qc.invalidateQueries({ queryKey: enterpriseKeys.history(enterpriseId) });
    void qc.invalidateQueries({ queryKey: [...enterpriseKeys.enterprises, 'list'] });
    void qc.invalidateQueries({ queryKey: enterpriseKeys.dashboard });
  };
}

/** 请求部门协办. */
export function useCreateRequest(enterpriseId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: DepartmentRequestCreateInput) => api.post<DepartmentRequestDto>(`/api/enterprises/${enterpriseId}/requests`, input),
    onSuccess: () => refresh(enterpriseId),
  });
}

export type RequestAct =
  | { event: 'accept' }
  | { event: 'return'; reason: string }
  | { event: 'schedule'; scheduledOn: string }
  | { event: 'confirm'; date: string; note: string };

/** The department's acts, at the version the officer saw (someone else acted first: 409, and the lists refresh). */
export function useRequestAct() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ request, act }: { request: DepartmentRequestDto; act: RequestAct }) => {
      const { event, ...body } = act;
      return api.post<DepartmentRequestDto>(`/api/department-requests/${request.id}/${event}`, { version: request.version, ...body });
    },
    onSettled: (_data, _error, { request }) => refresh(request.enterprise.id),
  });
}
