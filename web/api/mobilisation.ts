// TanStack Query hooks for mobilisation (宣传发动): a town's leading body and its publicity log.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse } from '../../domain/api.js';
import type { LeadingMemberDto, PublicityEventDto } from '../../domain/mobilisation.js';
import { api } from './client.js';

const key = ['mobilisation'] as const;

export function useLeadingMembers(town: number | undefined) {
  return useQuery({ queryKey: [...key, 'members', town ?? 'all'], queryFn: () => api.get<ListResponse<LeadingMemberDto>>('/api/mobilisation/leading-members', { town }) });
}

export function usePublicity(town: number | undefined) {
  return useQuery({ queryKey: [...key, 'publicity', town ?? 'all'], queryFn: () => api.get<ListResponse<PublicityEventDto>>('/api/mobilisation/publicity', { town }) });
}

export function useMobilisationWrite(path: 'leading-members' | 'publicity') {
  const qc = useQueryClient();
  const changed = () => qc.invalidateQueries({ queryKey: key });
  return {
    create: useMutation({ mutationFn: (body: unknown) => api.post<{ id: number }>(`/api/mobilisation/${path}`, body), onSuccess: changed }),
    remove: useMutation({ mutationFn: (id: number) => api.delete(`/api/mobilisation/${path}/${id}`), onSuccess: changed }),
  };
}
