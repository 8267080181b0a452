// Client side of /api/imports: the upload goes as multipart (FormData), everything else through api.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListResponse, ProblemDto } from '../../domain/api.js';
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
import { t } from '../i18n/index.js';
import { api, ApiError } from './client.js';

export const importKeys = {
  all: ['imports'] as const,
  list: (page: number) => ['imports', 'list', page] as const,
  one: (id: number) => ['imports', 'one', id] as const,
  rows: (id: number, page: number, pageSize: number, filter: RowFilter) => ['imports', 'rows', id, page, pageSize, filter] as const,
};

/**
 * Sends the file as multipart with XMLHttpRequest, whose upload events give the progress that
 * fetch cannot report: a 100,000-row sheet over a village connection takes a while.
 */
export function uploadImport(townId: number, file: File, onProgress?: (percent: number) => void): Promise<ImportPreviewDto> {
  const body = new FormData();
  body.append('townId', String(townId));
  body.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'network', detail: t('error.network') }));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as ImportPreviewDto);
      else reject(new ApiError(xhr.status, (data ?? {}) as Partial<ProblemDto>));
    };
    xhr.send(body);
  });
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
