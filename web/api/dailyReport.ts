// TanStack Query hook for the daily report's figures (日报), and the addresses of its files.
import { useQuery } from '@tanstack/react-query';
import type { DailyFiguresDto, DailyReportFormat } from '../../domain/dailyReport.js';
import { api } from './client.js';

export function useDailyFigures(date: string, enabled = true) {
  return useQuery({ queryKey: ['reports', 'daily', date], queryFn: () => api.get<DailyFiguresDto>(`/api/reports/daily/figures?date=${date}`), enabled });
}

/** The report's file for `date` (the server names it 日报_YYYYMMDD.xlsx|docx). */
export function dailyReportUrl(date: string, format: DailyReportFormat): string {
  return `/api/reports/daily?date=${date}&format=${format}`;
}
