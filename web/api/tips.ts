// TanStack Query hooks for 群众举报: the public portal's (a challenge solved in the browser, the tip, its
// progress by receipt code, the towns) and the staff's (the tips in scope, one tip, triage, answer, set aside).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { leadingZeroBits, powInput } from '../../domain/pow.js';
import type { RecordAttachmentListDto } from '../../domain/attachment.js';
import type { PublicTownsDto, TipFileReceiptDto, TipAnswer, TipAssign, TipChallengeDto, TipDismiss, TipDto, TipListDto, TipPublicStatusDto, TipReceiptDto, TipSubmitInput } from '../../domain/tips.js';
import type { PublicMapDto } from '../../domain/map.js';
import { agendaKey } from './agenda.js';
import { t } from '../i18n/index.js';
import { api, ApiError } from './client.js';

const keys = {
  all: ['tips'] as const,
  list: (status: string, page: number) => ['tips', 'list', status, page] as const,
  one: (id: number) => ['tips', 'one', id] as const,
};

// ---- The portal ----

/** Finds the nonce of a challenge, a few thousand hashes at a time so that the page stays responsive. */
export async function solveChallenge(c: TipChallengeDto): Promise<string> {
  for (let n = 0; ; ) {
    const stop = n + 4000;
    for (; n < stop; n++) if (leadingZeroBits(bytesToHex(sha256(utf8ToBytes(powInput(c.challenge, String(n))))), c.difficulty)) return String(n);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export const fetchChallenge = () => api.get<TipChallengeDto>('/api/public/tips/challenge');

/** This browser's id for the per-device limit: random, kept in local storage. */
function deviceId(): string | undefined {
  try {
    let id = localStorage.getItem('qudi-device');
    if (!id) {
      id = crypto.randomUUID();
      localStorage.setItem('qudi-device', id);
    }
    return id;
  } catch {
    return undefined;
  }
}

export function useSubmitTip() {
  return useMutation({
    mutationFn: (body: TipSubmitInput) => {
      const device = deviceId();
      return api.post<TipReceiptDto>('/api/public/tips', body, device ? { 'qudi-device': device } : undefined);
    },
  });
}

export function useTipStatus(receipt: string | null) {
  return useQuery({ queryKey: ['tip-status', receipt], queryFn: () => api.get<TipPublicStatusDto>(`/api/public/tips/${encodeURIComponent(receipt!)}`), enabled: receipt !== null, retry: false });
}

/** The public page's base map and the district's rough extent (GET /api/public/map). */
export function usePublicMap() {
  return useQuery({ queryKey: ['public-map'], queryFn: () => api.get<PublicMapDto>('/api/public/map'), staleTime: Infinity });
}

export function usePublicTowns() {
  return useQuery({ queryKey: ['public-towns'], queryFn: () => api.get<PublicTownsDto>('/api/public/towns'), staleTime: Infinity });
}

// ---- Staff ----

export function useTips(status: string, page: number, pageSize: number) {
  return useQuery({ queryKey: keys.list(status, page), queryFn: () => api.get<TipListDto>('/api/tips', { status: status || undefined, page, pageSize }) });
}

export function useTip(id: number | null) {
  return useQuery({ queryKey: keys.one(id ?? 0), queryFn: () => api.get<TipDto>(`/api/tips/${id}`), enabled: id !== null });
}

export function useTipFiles(id: number) {
  return useQuery({ queryKey: ['tips', 'files', id], queryFn: () => api.get<RecordAttachmentListDto>(`/api/tips/${id}/attachments`) });
}

/**
 * Sends one photo or video of a tip just submitted (multipart, the receipt code as its key), with the
 * phone's position when known. Answers whether it was stored (or was there already).
 */
export async function sendTipFile(receipt: string, file: File, where: { lat: number; lng: number } | null): Promise<TipFileReceiptDto> {
  const form = new FormData();
  if (where) {
    form.set('lat', String(where.lat));
    form.set('lng', String(where.lng));
  }
  form.set('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/public/tips/${encodeURIComponent(receipt)}/files`, { method: 'POST', body: form, credentials: 'omit' });
  } catch {
    throw new ApiError(0, { code: 'network', detail: t('error.network') });
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, (data ?? {}) as Record<string, unknown>);
  return data as TipFileReceiptDto;
}

type TipAction = { action: 'assign'; body: TipAssign } | { action: 'answer'; body: TipAnswer } | { action: 'dismiss'; body: TipDismiss };

export function useTipAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: TipAction) => api.post<TipDto>(`/api/tips/${id}/${a.action}`, a.body),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.all });
      void qc.invalidateQueries({ queryKey: agendaKey });
    },
  });
}
