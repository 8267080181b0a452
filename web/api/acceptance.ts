// TanStack Query hooks for the acceptance (验收): the towns' spot-check draws, one town's draws,
// drawing (or redrawing) a sample and publishing it to the town.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcceptanceOverviewDto, AcceptanceTownDetailDto, DrawDto, DrawInput, HearingDto, HearingInput, SiteCheckInput } from '../../domain/acceptance.js';
import type { NoticeDto, NoticeListDto } from '../../domain/criticism.js';
import type { PackageContentDto, PackageOverviewDto } from '../../domain/acceptancePackage.js';
import type { RecordAttachmentListDto } from '../../domain/attachment.js';
import { api } from './client.js';
import { keys as enterpriseKeys } from './hooks.js';

const keys = {
  all: ['acceptance'] as const,
  overview: ['acceptance', 'overview'] as const,
  town: (townId: number) => ['acceptance', 'town', townId] as const,
};

export function useAcceptanceOverview(enabled: boolean) {
  return useQuery({ queryKey: keys.overview, queryFn: () => api.get<AcceptanceOverviewDto>('/api/acceptance'), enabled });
}

export function useAcceptanceTown(townId: number) {
  return useQuery({ queryKey: keys.town(townId), queryFn: () => api.get<AcceptanceTownDetailDto>(`/api/acceptance/towns/${townId}`) });
}

/** The draw's record as published, for anyone to re-run (`qudi acceptance redraw --check --file`). */
export const drawRecordUrl = (id: number) => `/api/acceptance/draws/${id}`;

/** Draw or redraw; every acceptance view refreshes afterwards (also after a 409). */
export function useDraw() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DrawInput) => api.post<DrawDto>('/api/acceptance/draws', body),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function usePublishDraw() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: { id: number; version: number }) => api.post<DrawDto>(`/api/acceptance/draws/${d.id}/publish`, { version: d.version }),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** 现场检查: answers the draw with the check; the workshop's page and lists refresh too (its status moved). */
export function useRecordSiteCheck() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: { drawId: number; body: SiteCheckInput }) => api.post<DrawDto>(`/api/acceptance/draws/${d.drawId}/checks`, d.body),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.all });
      void qc.invalidateQueries({ queryKey: enterpriseKeys.enterprises });
    },
  });
}

export function useRecordHearing(townId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: HearingInput) => api.post<HearingDto>(`/api/acceptance/towns/${townId}/hearings`, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.town(townId) }),
  });
}

/** A town's verdict, deadline or explanation: answers the town's acceptance as it now stands. */
export function useTownDecision(townId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: { step: 'pass' | 'fail' | 'rectify' | 'explain'; body: unknown }) =>
      d.step === 'explain'
        ? api.put<AcceptanceTownDetailDto>(`/api/acceptance/towns/${townId}/explanation`, d.body)
        : api.post<AcceptanceTownDetailDto>(`/api/acceptance/towns/${townId}/${d.step}`, d.body),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

const noticeKeys = { all: ['acceptance', 'notices'] as const, one: (id: number) => ['acceptance', 'notices', id] as const };

export function useNotices() {
  return useQuery({ queryKey: noticeKeys.all, queryFn: () => api.get<NoticeListDto>('/api/acceptance/notices') });
}

export function useNotice(id: number) {
  return useQuery({ queryKey: noticeKeys.one(id), queryFn: () => api.get<NoticeDto>(`/api/acceptance/notices/${id}`) });
}

export const noticeDocumentUrl = (id: number) => `/api/acceptance/notices/${id}/document.docx`;

/** Draft, edit or issue a notice: answers it as it now stands; every acceptance view refreshes. */
export function useNoticeWrite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: 'post' | 'patch'; path: string; body: unknown }) => (method === 'post' ? api.post<NoticeDto>(path, body) : api.patch<NoticeDto>(path, body)),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

const packageKey = (townId: number) => ['acceptance', 'package', townId] as const;

export function useTownPackage(townId: number) {
  return useQuery({ queryKey: packageKey(townId), queryFn: () => api.get<PackageOverviewDto>(`/api/acceptance/towns/${townId}/package`) });
}

export function usePackageContent(id: number | null) {
  return useQuery({ queryKey: ['acceptance', 'package-content', id], queryFn: () => api.get<PackageContentDto>(`/api/acceptance/packages/${id}/content`), enabled: id !== null });
}

/** Submit a version, or sign one: answers the town's package as it now stands. */
export function usePackageWrite(townId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api.post<PackageOverviewDto>(path, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: packageKey(townId) }),
  });
}

export const townAcceptanceFilesKey = (townId: number) => ['acceptance', 'files', townId] as const;

export function useTownAcceptanceFiles(townId: number) {
  return useQuery({ queryKey: townAcceptanceFilesKey(townId), queryFn: () => api.get<RecordAttachmentListDto>(`/api/acceptance/towns/${townId}/attachments`) });
}
