// TanStack Query hooks for 群众举报: the public portal's (a challenge solved in the browser, the tip, its
// progress by receipt code, the towns) and the staff's (the tips in scope, one tip, triage, answer, set aside).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { leadingZeroBits, powInput } from '../../domain/pow.js';
import type { PublicTownsDto, TipAnswer, TipAssign, TipChallengeDto, TipDismiss, TipDto, TipListDto, TipPublicStatusDto, TipReceiptDto, TipSubmitInput } from '../../domain/tips.js';
import { agendaKey } from './agenda.js';
import { api } from './client.js';

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
