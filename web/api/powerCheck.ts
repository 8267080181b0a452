// TanStack Query hooks for 用电核查: upload a power office's account list (multipart, with progress), its
// preview and rows, confirm or discard it; the review list of flagged accounts and the three decisions.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse } from '../../domain/api.js';
import type {
  PowerAccountDto,
  PowerDismiss,
  PowerFlagListDto,
  PowerImportDto,
  PowerImportPreviewDto,
  PowerRecur,
  PowerRegisterInput,
  PowerRegisterResultDto,
  PowerRowsDto,
} from '../../domain/powerCheck.js';
import { api } from './client.js';
import { uploadForm } from './uploadForm.js';

const keys = {
  all: ['power'] as const,
  imports: (page: number) => ['power', 'imports', page] as const,
  preview: (id: number) => ['power', 'import', id] as const,
  rows: (id: number, flag: string, page: number) => ['power', 'rows', id, flag, page] as const,
  flags: (state: string, flag: string, page: number) => ['power', 'flags', state, flag, page] as const,
};

export function useUploadPowerList() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ townId, file, onProgress }: { townId: number; file: File; onProgress?: (percent: number) => void }) =>
      uploadForm<PowerImportPreviewDto>('/api/power-imports', { townId: String(townId) }, file, onProgress),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function usePowerImports(page: number, pageSize: number) {
  return useQuery({ queryKey: keys.imports(page), queryFn: () => api.get<ListResponse<PowerImportDto>>('/api/power-imports', { page, pageSize }), placeholderData: keepPreviousData });
}

export function usePowerPreview(id: number | null) {
  return useQuery({ queryKey: keys.preview(id ?? 0), queryFn: () => api.get<PowerImportPreviewDto>(`/api/power-imports/${id}`), enabled: id !== null });
}

export function usePowerRows(id: number, flag: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: keys.rows(id, flag, page),
    queryFn: () => api.get<PowerRowsDto>(`/api/power-imports/${id}/rows`, { flag: flag || undefined, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useDecidePowerList() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, event }: { id: number; event: 'confirm' | 'discard' }) => api.post<PowerImportDto>(`/api/power-imports/${id}/${event}`, {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function usePowerFlags(state: string, flag: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: keys.flags(state, flag, page),
    queryFn: () => api.get<PowerFlagListDto>('/api/power-flags', { state: state || undefined, flag: flag || undefined, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

type FlagAction = { id: number } & ({ event: 'recur'; body: PowerRecur } | { event: 'dismiss'; body: PowerDismiss } | { event: 'register'; body: PowerRegisterInput });

export function usePowerFlagAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, event, body }: FlagAction) => api.post<PowerAccountDto | PowerRegisterResultDto>(`/api/power-flags/${id}/${event}`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.all });
      void qc.invalidateQueries({ queryKey: ['enterprises'] });
    },
  });
}
