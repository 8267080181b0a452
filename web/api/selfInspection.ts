// TanStack Query hooks for self-inspection (自查自纠): 土政策 records and disciplinary clues.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClueAttachmentListDto } from '../../domain/attachment.js';
import type {
  ClueCreateInput,
  ClueDto,
  ClueListDto,
  ClueReceiptDto,
  ClueStatus,
  SelfPolicyCreateInput,
  SelfPolicyDto,
  SelfPolicyListDto,
  SelfPolicyUpdateInput,
} from '../../domain/selfInspection.js';
import { api } from './client.js';

const keys = {
  policies: ['selfInspection', 'policies'] as const,
  clues: ['selfInspection', 'clues'] as const,
};

/** A clue's files, under the clues so that a forwarded or closed clue refreshes them (and their abilities). */
export const clueAttachmentsKey = (id: number) => [...keys.clues, 'attachments', id] as const;

export function useSelfPolicies(params: { town?: number; cleared?: 'yes' | 'no'; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...keys.policies, params],
    queryFn: () => api.get<SelfPolicyListDto>('/api/self-inspection/policies', params),
  });
}

export function useSaveSelfPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: number; patch: SelfPolicyUpdateInput } | { id: null; create: SelfPolicyCreateInput }) =>
      v.id === null ? api.post<SelfPolicyDto>('/api/self-inspection/policies', v.create) : api.patch<SelfPolicyDto>(`/api/self-inspection/policies/${v.id}`, v.patch),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.policies }),
  });
}

export function useClues(params: { town?: number; status?: ClueStatus; q?: string; page: number; pageSize: number }, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.clues, params],
    queryFn: () => api.get<ClueListDto>('/api/self-inspection/clues', params),
    enabled,
  });
}

export function useFileClue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ClueCreateInput) => api.post<ClueReceiptDto>('/api/self-inspection/clues', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.clues }),
  });
}

export function useClueAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, version, note }: { id: number; action: 'forward' | 'close'; version: number; note: string }) =>
      api.post<ClueDto>(`/api/self-inspection/clues/${id}/${action}`, { version, note }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.clues }),
  });
}

/** One clue; each fetch is a view the server writes to the audit log. */
export function useClue(id: number | null) {
  return useQuery({
    queryKey: [...keys.clues, 'one', id],
    queryFn: () => api.get<ClueDto>(`/api/self-inspection/clues/${id}`),
    enabled: id !== null,
    staleTime: 0,
  });
}

/** A clue's current files; each fetch is a reading the server writes to the audit log. */
export function useClueAttachments(id: number) {
  return useQuery({
    queryKey: clueAttachmentsKey(id),
    queryFn: () => api.get<ClueAttachmentListDto>(`/api/self-inspection/clues/${id}/attachments`),
    staleTime: 0,
  });
}
