// TanStack Query hooks, one per API resource. Query keys start with the resource name so that a
// mutation can invalidate everything that might show the changed data.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CampaignDto,
  DashboardDto,
  DepartmentDto,
  EnterpriseDto,
  EnterpriseListDto,
  HistoryEntryDto,
  ListResponse,
  MeDto,
  OrgUnitDto,
} from '../../domain/api.js';
import type { EnterpriseCreate, EnterprisePatch, ItemRecord, Verdict } from '../../domain/enterprise.js';
import type { Status } from '../../domain/status.js';
import { api, ApiError } from './client.js';
import type { UserCreate, UserRowDto as UserRow } from '../../domain/users.js';

export const keys = {
  me: ['me'] as const,
  campaign: ['campaign'] as const,
  departments: ['departments'] as const,
  orgUnits: (kind: 'town' | 'village', parent?: number) => ['org-units', kind, parent ?? null] as const,
  enterprises: ['enterprises'] as const,
  enterpriseList: (q: EnterpriseListParams) => ['enterprises', 'list', q] as const,
  enterprise: (id: number) => ['enterprises', 'detail', id] as const,
  history: (id: number) => ['enterprises', 'history', id] as const,
  /** A workshop's evidence files (which ones count, who may edit them, depend on its status). */
  attachments: (id: number) => ['enterprises', 'attachments', id] as const,
  dashboard: ['dashboard'] as const,
  users: ['users'] as const,
};

export interface EnterpriseListParams {
  town?: string;
  village?: string;
  status?: Status;
  q?: string;
  /** Code of a standard item: only workshops where that item is still pending. */
  pendingItem?: string;
  /** '1': only workshops lacking the location or phone their task table row needs. */
  incomplete?: '1';
  page: number;
  pageSize: number;
  sort?: 'id' | 'name' | 'updatedAt' | 'status';
  order?: 'asc' | 'desc';
}

export type { UserCreate, UserRow };

/** The signed-in user; `null` when nobody is (the API answered 401). */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<MeDto | null> => {
      try {
        return await api.get<MeDto>('/api/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.isUnauthenticated) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api.post<MeDto>('/api/auth/login', body),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(keys.me, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(keys.me, null);
    },
  });
}

export function useCampaign(enabled = true) {
  return useQuery({
    queryKey: keys.campaign,
    queryFn: () => api.get<CampaignDto>('/api/campaigns/current'),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: keys.departments,
    queryFn: () => api.get<DepartmentDto[]>('/api/departments'),
    staleTime: 30 * 60_000,
  });
}

export function useTowns() {
  return useQuery({
    queryKey: keys.orgUnits('town'),
    queryFn: () => api.get<OrgUnitDto[]>('/api/org-units', { kind: 'town' }),
    staleTime: 10 * 60_000,
  });
}

/**
 * The town when the user sees exactly one (a town's staff, a village head: the list includes the
 * town above a village); undefined while loading or when there are several.
 */
export function useOnlyTown(): OrgUnitDto | undefined {
  const towns = useTowns();
  return towns.data?.length === 1 ? towns.data[0] : undefined;
}

/** Villages of one town (or of every visible town when `townId` is undefined and `all` is set). */
export function useVillages(townId: number | undefined, all = false) {
  return useQuery({
    queryKey: keys.orgUnits('village', townId),
    queryFn: () => api.get<OrgUnitDto[]>('/api/org-units', { kind: 'village', parent: townId }),
    enabled: townId !== undefined || all,
    staleTime: 5 * 60_000,
  });
}

export function useCreateVillage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { townId: number; name: string }) => api.post<OrgUnitDto>('/api/org-units', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['org-units'] }),
  });
}

export function useEnterpriseList(params: EnterpriseListParams, enabled = true) {
  return useQuery({
    queryKey: keys.enterpriseList(params),
    queryFn: () => api.get<EnterpriseListDto>('/api/enterprises', { ...params }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEnterprise(id: number) {
  return useQuery({
    queryKey: keys.enterprise(id),
    queryFn: () => api.get<EnterpriseDto>(`/api/enterprises/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useEnterpriseHistory(id: number, enabled = true) {
  return useQuery({
    queryKey: keys.history(id),
    queryFn: () => api.get<ListResponse<HistoryEntryDto>>(`/api/enterprises/${id}/history`),
    enabled,
  });
}

/** After any change to a workshop: store the fresh record, refresh lists, history and the dashboard. */
function useEnterpriseChanged() {
  const qc = useQueryClient();
  return (e: EnterpriseDto) => {
    qc.setQueryData(keys.enterprise(e.id), e);
    void qc.invalidateQueries({ queryKey: ['enterprises', 'list'] });
    void qc.invalidateQueries({ queryKey: keys.history(e.id) });
    // A recurrence turns its files into 反弹前 ones; a shutdown freezes them.
    void qc.invalidateQueries({ queryKey: keys.attachments(e.id) });
    void qc.invalidateQueries({ queryKey: keys.dashboard });
  };
}

export function useCreateEnterprise() {
  const changed = useEnterpriseChanged();
  return useMutation({
    mutationFn: (body: EnterpriseCreate) => api.post<EnterpriseDto>('/api/enterprises', body),
    onSuccess: changed,
  });
}

export function useUpdateEnterprise(id: number) {
  const changed = useEnterpriseChanged();
  return useMutation({
    mutationFn: (body: EnterprisePatch) => api.patch<EnterpriseDto>(`/api/enterprises/${id}`, body),
    onSuccess: changed,
  });
}

export function useRecordItem(id: number) {
  const changed = useEnterpriseChanged();
  return useMutation({
    mutationFn: ({ code, record }: { code: string; record: ItemRecord }) =>
      api.put<EnterpriseDto>(`/api/enterprises/${id}/items/${encodeURIComponent(code)}`, record),
    onSuccess: changed,
  });
}

export function useVerdict(id: number) {
  const changed = useEnterpriseChanged();
  return useMutation({
    mutationFn: (body: Verdict) => api.post<EnterpriseDto>(`/api/enterprises/${id}/verdict`, body),
    onSuccess: changed,
  });
}

export function useTransition(id: number, action: 'exclude' | 'recur') {
  const changed = useEnterpriseChanged();
  return useMutation({
    mutationFn: (body: { reason: string }) => api.post<EnterpriseDto>(`/api/enterprises/${id}/${action}`, body),
    onSuccess: changed,
  });
}

export function useDashboard(enabled = true) {
  return useQuery({
    queryKey: keys.dashboard,
    queryFn: () => api.get<DashboardDto>('/api/dashboard'),
    enabled,
  });
}

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: keys.users,
    queryFn: () => api.get<ListResponse<UserRow>>('/api/users'),
    enabled,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreate) => api.post<{ id: number }>('/api/users', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users }),
  });
}
