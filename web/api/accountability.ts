// TanStack Query hooks for 约谈与问责: the accountability list (问责清单), one person's detail, the
// records, recording one, and holding or withdrawing it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountabilityDto, AccountabilityListDto, BoardDto, BoardPersonDto, ResponsibleKind } from '../../domain/accountability.js';
import { api } from './client.js';

const keys = {
  all: ['accountability'] as const,
  board: (f: BoardFilter) => ['accountability', 'board', f] as const,
  person: (kind: ResponsibleKind, town: number, name: string) => ['accountability', 'person', kind, town, name] as const,
  records: (page: number) => ['accountability', 'records', page] as const,
};

export interface BoardFilter {
  town?: number;
  kind?: ResponsibleKind;
  sort: 'overdue' | 'name';
  page: number;
  pageSize: number;
}

export function useAccountabilityBoard(f: BoardFilter, enabled: boolean) {
  return useQuery({ queryKey: keys.board(f), queryFn: () => api.get<BoardDto>('/api/accountability', { ...f }), enabled, placeholderData: keepPreviousData });
}

export function useAccountabilityPerson(p: { kind: ResponsibleKind; town: number; name: string } | null) {
  return useQuery({
    queryKey: keys.person(p?.kind ?? 'village_head', p?.town ?? 0, p?.name ?? ''),
    queryFn: () => api.get<BoardPersonDto>('/api/accountability/person', { kind: p!.kind, town: p!.town, name: p!.name }),
    enabled: p !== null,
  });
}

export function useAccountabilityRecords(page: number, pageSize: number) {
  return useQuery({ queryKey: keys.records(page), queryFn: () => api.get<AccountabilityListDto>('/api/accountability/actions', { page, pageSize }), placeholderData: keepPreviousData });
}

/** Records a 约谈 or 问责 (path /api/accountability/actions) or moves one on (…/:id/hold, …/:id/withdraw); every list refreshes. */
export function useAccountabilityWrite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api.post<AccountabilityDto>(path, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
