// TanStack Query hooks for town reports (任务表报送与签字).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReportOverviewDto, TownReportDetailDto, TownReportDto } from '../../domain/reports.js';
import { api } from './client.js';

export interface ReportContentDto {
  id: number;
  version: number;
  contentSha256: string;
  content: { town: string; phase: string; rows: { seq: number; enterpriseId: number; name: string; location: string; phone: string; notes: string }[] };
}

const reportKeys = {
  all: ['reports'] as const,
  overview: ['reports', 'overview'] as const,
  town: (townId: number) => ['reports', 'town', townId] as const,
  content: (id: number) => ['reports', 'content', id] as const,
};

export function useReportOverview(enabled = true) {
  return useQuery({ queryKey: reportKeys.overview, queryFn: () => api.get<ReportOverviewDto>('/api/reports'), enabled });
}

export function useTownReports(townId: number, enabled = true) {
  return useQuery({ queryKey: reportKeys.town(townId), queryFn: () => api.get<TownReportDetailDto>(`/api/reports/towns/${townId}`), enabled });
}

export function useReportContent(id: number | null) {
  return useQuery({
    queryKey: reportKeys.content(id ?? 0),
    queryFn: () => api.get<ReportContentDto>(`/api/reports/${id}/content`),
    enabled: id !== null,
    staleTime: Infinity, // a version never changes
  });
}

function useReportsChanged() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: reportKeys.all });
}

export function useSubmitReport() {
  const changed = useReportsChanged();
  return useMutation({ mutationFn: (townId: number) => api.post<TownReportDto>('/api/reports', { townId }), onSuccess: changed });
}

export function useSignReport() {
  const changed = useReportsChanged();
  return useMutation({
    mutationFn: ({ id, contentSha256 }: { id: number; contentSha256: string }) => api.post<TownReportDto>(`/api/reports/${id}/sign`, { contentSha256 }),
    onSuccess: changed,
  });
}
