// TanStack Query hooks for truck interceptions (运输车辆查处): the list, the weekly counts, recording one, its photos.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RecordAttachmentListDto } from '../../domain/attachment.js';
import type { InterceptionCreateInput, InterceptionDto, InterceptionListDto, WeeklyInterceptionsDto } from '../../domain/interceptions.js';
import { api } from './client.js';

const keys = { all: ['interceptions'] as const };

/** An interception's photos (refreshed when an upload lands, with the list's counts). */
export const interceptionFilesKey = (id: number) => ['interceptions', 'files', id] as const;
export const interceptionsKey = keys.all;

export function useInterceptionFiles(id: number) {
  return useQuery({ queryKey: interceptionFilesKey(id), queryFn: () => api.get<RecordAttachmentListDto>(`/api/interceptions/${id}/attachments`) });
}

export function useInterceptions(page: number, pageSize: number) {
  return useQuery({ queryKey: [...keys.all, 'list', page], queryFn: () => api.get<InterceptionListDto>('/api/interceptions', { page, pageSize }) });
}

export function useWeeklyInterceptions(weeks: number) {
  return useQuery({ queryKey: [...keys.all, 'weekly', weeks], queryFn: () => api.get<WeeklyInterceptionsDto>('/api/interceptions/weekly', { weeks }) });
}

export function useRecordInterception() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InterceptionCreateInput) => api.post<InterceptionDto>('/api/interceptions', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
