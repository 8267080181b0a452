// TanStack Query hooks for remarks on workshops (帮包意见与督办): a workshop's comments and
// escalations, adding one, the town's answer, and the open escalations in the user's scope (a to-do list).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OpenEscalationListDto, RemarkCreateInput, RemarkDto, RemarkListDto } from '../../domain/remarks.js';
import { api } from './client.js';
import { keys as enterpriseKeys } from './hooks.js';

const keys = {
  all: ['remarks'] as const,
  of: (enterpriseId: number) => ['remarks', 'workshop', enterpriseId] as const,
  open: (params: { page: number; pageSize: number }) => ['remarks', 'open-escalations', params] as const,
};

/** A workshop's remarks, oldest first, with whether the user may comment or escalate. */
export function useRemarks(enterpriseId: number) {
  return useQuery({
    queryKey: keys.of(enterpriseId),
    queryFn: () => api.get<RemarkListDto>(`/api/enterprises/${enterpriseId}/remarks`),
  });
}

/** After a remark is written: the workshop's remarks, every to-do list, and the workshop's history (the write is audited there). */
function useRefresh(enterpriseId: number) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: keys.all });
    void qc.invalidateQueries({ queryKey: enterpriseKeys.history(enterpriseId) });
  };
}

/** 提出意见 / 督办. */
export function useAddRemark(enterpriseId: number) {
  const refresh = useRefresh(enterpriseId);
  return useMutation({
    mutationFn: (input: RemarkCreateInput) => api.post<RemarkDto>(`/api/enterprises/${enterpriseId}/remarks`, input),
    onSuccess: refresh,
  });
}

/** 答复督办 (the town), which closes the escalation. */
export function useAnswerEscalation(enterpriseId: number) {
  const refresh = useRefresh(enterpriseId);
  return useMutation({
    mutationFn: ({ id, text }: { id: number; text: string }) => api.post<RemarkDto>(`/api/remarks/${id}/answer`, { text }),
    // Refused because someone answered it meanwhile: show that answer too.
    onSettled: refresh,
  });
}

/** The open escalations on workshops in the user's scope, newest first, and how many there are. */
export function useOpenEscalations(params: { page: number; pageSize: number } = { page: 1, pageSize: 5 }, enabled = true) {
  return useQuery({
    queryKey: keys.open(params),
    queryFn: () => api.get<OpenEscalationListDto>('/api/remarks/open-escalations', params),
    enabled,
  });
}
