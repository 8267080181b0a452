// Client side of a workshop's evidence files (GET/PATCH through api) and its evidence package. The
// uploads that add to them are in web/uploads/.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttachmentDto, AttachmentListDto, EvidencePhase } from '../../domain/attachment.js';
import { api } from './client.js';
import { keys } from './hooks.js';

export type { AttachmentDto, EvidencePhase };

/** Where a file belongs: one standard item of the workshop, or the workshop itself. */
export type EvidenceTarget = { recordType: 'item'; itemCode: string } | { recordType: 'enterprise' };

export const targetKey = (target: EvidenceTarget): string => (target.recordType === 'item' ? `item:${target.itemCode}` : 'enterprise');

export function belongsTo(a: AttachmentDto, target: EvidenceTarget): boolean {
  return target.recordType === 'item' ? a.recordType === 'item' && a.itemCode === target.itemCode : a.recordType === 'enterprise';
}

export const evidenceKeys = {
  // Under 'enterprises' so that anything invalidating a workshop refreshes its files too.
  list: keys.attachments,
};

export type AttachmentList = AttachmentListDto;

export const DEFAULT_MAX_DISTANCE_M = 300;

/** Every file of the workshop, replaced ones included (they have `replacedBy`), for the galleries and their 历史版本. */
export function useAttachments(enterpriseId: number) {
  return useQuery({
    queryKey: evidenceKeys.list(enterpriseId),
    queryFn: () => api.get<AttachmentList>(`/api/enterprises/${enterpriseId}/attachments`, { history: true }),
  });
}

export function usePatchAttachment(enterpriseId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, caption, phase }: { id: number; caption?: string; phase?: EvidencePhase }) =>
      api.patch<AttachmentDto>(`/api/attachments/${id}`, { caption, phase }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: evidenceKeys.list(enterpriseId) });
      void qc.invalidateQueries({ queryKey: keys.history(enterpriseId) });
    },
  });
}

export const evidencePackageUrl = (enterpriseId: number): string => `/api/enterprises/${enterpriseId}/evidence-package.zip`;
