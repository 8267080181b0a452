// Client side of /api/imports: the upload goes as multipart (FormData), everything else through api.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse } from '../../domain/api.js';
import type {
  ImportConfirmDto,
  ImportDecision,
  ImportDecisionResultDto,
  ImportDto,
  ImportPreviewDto,
  ImportRowsDto,
  ImportValueMapping,
  ImportValueMappingResultDto,
  RowFilter,
} from '../../domain/imports.js';
import { api } from './client.js';
import { uploadForm } from './uploadForm.js';

export const importKeys = {
  all: ['imports'] as const,
  list: (page: number) => ['imports', 'list', page] as const,
  one: (id: number) => ['imports', 'one', id] as const,
  rows: (id: number, page: number, pageSize: number, filter: RowFilter) => ['imports', 'rows', id, page, pageSize, filter] as const,
};

/** The task table as multipart, with the upload's progress (see uploadForm). */
export function uploadImport(townId: number, file: File, onProgress?: (percent: number) => void): Promise<ImportPreviewDto> {
  return uploadForm<ImportPreviewDto>('/api/imports', { townId: String(townId) }, file, onProgress);
}

export function useUploadImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ townId, file, onProgress }: { townId: number; file: File; onProgress?: (percent: number) => void }) => uploadImport(townId, file, onProgress),
    onSuccess: () => void qc.invalidateQueries({ queryKey: importKeys.all }),
  });
}

export function useImports(page: number) {
  return useQuery({
    queryKey: importKeys.list(page),
    queryFn: () => api.get<ListResponse<ImportDto>>('/api/imports', { page, pageSize: 10 }),
    placeholderData: keepPreviousData,
  });
}

export function useImport(id: number | undefined) {
  return useQuery({
    queryKey: importKeys.one(id ?? 0),
    queryFn: () => api.get<ImportDto>(`/api/imports/${id}`),
    enabled: id !== undefined,
  });
}

export function useImportRows(id: number | undefined, page: number, pageSize: number, filter: RowFilter) {
  return useQuery({
    queryKey: importKeys.rows(id ?? 0, page, pageSize, filter),
    queryFn: () => api.get<ImportRowsDto>(`/api/imports/${id}/rows`, { page, pageSize, filter }),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useConfirmImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, skipErrorRows }: { id: number; skipErrorRows: boolean }) =>
      api.post<ImportConfirmDto>(`/api/imports/${id}/confirm`, { skipErrorRows }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: importKeys.all });
      void qc.invalidateQueries({ queryKey: ['enterprises'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

/** Marks rows that look like registered workshops as the same site (linked, not imported) or a different workshop. */
export function useDecideImportRows(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportDecision) =>
      api.post<ImportDecisionResultDto>(`/api/imports/${id}/decisions`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: importKeys.one(id) });
      void qc.invalidateQueries({ queryKey: ['imports', 'rows', id] });
    },
  });
}

/** Maps a value of a choice column the server could not tell (生产状况 “半停”) to a register value, for every row at once. */
export function useMapImportValue(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportValueMapping) => api.post<ImportValueMappingResultDto>(`/api/imports/${id}/value-mappings`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: importKeys.one(id) });
      void qc.invalidateQueries({ queryKey: ['imports', 'rows', id] });
    },
  });
}
