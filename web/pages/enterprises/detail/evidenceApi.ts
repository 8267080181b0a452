// Client side of the evidence files: the attachments of a workshop (GET/PATCH through api) and the
// resumable uploads (tus, /api/uploads/) that add to them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DetailedError, Upload, defaultOptions, type PreviousUpload } from 'tus-js-client';
import { api } from '../../../api/client.js';
import { keys } from '../../../api/hooks.js';
import { t } from '../../../i18n/index.js';
import type { AttachmentDto, AttachmentListDto, EvidencePhase, UploadResultDto } from '../../../../domain/attachment.js';

export type { AttachmentDto, EvidencePhase };

/** Where a file belongs: one standard item of the workshop, or the workshop itself. */
export type EvidenceTarget = { recordType: 'item'; itemCode: string } | { recordType: 'enterprise' };

export const targetKey = (target: EvidenceTarget): string => (target.recordType === 'item' ? `item:${target.itemCode}` : 'enterprise');

export function belongsTo(a: AttachmentDto, target: EvidenceTarget): boolean {
  return target.recordType === 'item' ? a.recordType === 'item' && a.itemCode === target.itemCode : a.recordType === 'enterprise';
}

export const evidenceKeys = {
  // Under 'enterprises' so that anything invalidating a workshop refreshes its files too.
  list: keys.attachments,
};

export type AttachmentList = AttachmentListDto;

export const DEFAULT_MAX_DISTANCE_M = 300;

/** Every file of the workshop, replaced ones included (they have `replacedBy`), for the galleries and their 历史版本. */
export function useAttachments(enterpriseId: number) {
  return useQuery({
    queryKey: evidenceKeys.list(enterpriseId),
    queryFn: () => api.get<AttachmentList>(`/api/enterprises/${enterpriseId}/attachments`, { history: true }),
  });
}

export function usePatchAttachment(enterpriseId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, caption, phase }: { id: number; caption?: string; phase?: EvidencePhase }) =>
      api.patch<AttachmentDto>(`/api/attachments/${id}`, { caption, phase }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: evidenceKeys.list(enterpriseId) });
      void qc.invalidateQueries({ queryKey: keys.history(enterpriseId) });
    },
  });
}

export const evidencePackageUrl = (enterpriseId: number): string => `/api/enterprises/${enterpriseId}/evidence-package.zip`;

// ---- uploads ----

export const UPLOAD_ENDPOINT = '/api/uploads/';
export const ACCEPT = 'image/*,video/mp4,video/quicktime';
const CHUNK_SIZE = 5 * 1024 * 1024;
// Village networks drop for seconds at a time; tus retries each request after these pauses.
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000];

/** The browser's position when the user started the upload, for photos without EXIF GPS. */
export interface DevicePosition {
  lat: number;
  lng: number;
  accuracy: number;
}

export type PositionResult = { ok: true; position: DevicePosition } | { ok: false; reason: string };

/** Asks for the device position with a short timeout; never fails, since an upload goes ahead without it. */
export function devicePosition(timeoutMs = 8000): Promise<PositionResult> {
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return Promise.resolve({ ok: false, reason: t('evidence.geo.unsupported') });
  return new Promise((resolve) => {
    // Some browsers never call back when the permission prompt is ignored: a timer of our own ends the wait.
    const timer = window.setTimeout(() => resolve({ ok: false, reason: t('evidence.geo.timeout') }), timeoutMs + 1000);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        window.clearTimeout(timer);
        resolve({ ok: true, position: { lat: p.coords.latitude, lng: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) } });
      },
      (err) => {
        window.clearTimeout(timer);
        const reason =
          err.code === err.PERMISSION_DENIED ? t('evidence.geo.denied') : err.code === err.TIMEOUT ? t('evidence.geo.timeout') : t('evidence.geo.unavailable');
        resolve({ ok: false, reason });
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

export interface UploadRequest {
  enterpriseId: number;
  target: EvidenceTarget;
  file: File;
  caption: string;
  phase: EvidencePhase;
  replacesId: number | null;
  position: DevicePosition | null;
}

/** Upload-Metadata of the contract: strings only, optional keys left out. */
function metadataOf(r: UploadRequest): Record<string, string> {
  const m: Record<string, string> = {
    recordType: r.target.recordType,
    recordId: String(r.enterpriseId),
    filename: r.file.name,
    caption: r.caption,
    phase: r.phase,
  };
  if (r.target.recordType === 'item') m.itemCode = r.target.itemCode;
  if (r.replacesId !== null) m.replacesId = String(r.replacesId);
  if (r.position) {
    m.deviceLat = String(r.position.lat);
    m.deviceLng = String(r.position.lng);
    m.deviceAccuracy = String(r.position.accuracy);
  }
  return m;
}

/**
 * What the resume store (localStorage) knows a file by: the file itself and where it goes. The same
 * photo sent to two items, or as a replacement, is a separate upload; the same file picked again
 * after a reload or a dropped connection continues where it stopped.
 */
function fingerprintOf(r: UploadRequest): string {
  const f = r.file;
  return ['qudi', r.enterpriseId, targetKey(r.target), r.replacesId ?? '', f.name, f.type, f.size, f.lastModified].join('|');
}

export interface UploadCallbacks {
  onProgress: (sent: number, total: number) => void;
  /** Called when tus pauses before retrying after a failed request. */
  onRetry: () => void;
  /**
   * `duplicate`: the same bytes were already on this record, so nothing new was recorded.
   * `earlierRound`: the file was taken before the workshop's recurrence and counts for no item.
   */
  onSuccess: (result: { attachmentId: number | null; duplicate: boolean; earlierRound: boolean; resumed: boolean }) => void;
  onError: (message: string, retryable: boolean) => void;
}

/** The Chinese message for a failed upload: the server's problem `detail` when it refused, else the network. */
export function uploadErrorMessage(error: Error): { message: string; retryable: boolean } {
  const res = error instanceof DetailedError ? error.originalResponse : null;
  if (!res) return { message: t('evidence.error.network'), retryable: true };
  const status = res.getStatus();
  let detail: string | undefined;
  try {
    const body = JSON.parse(res.getBody()) as { detail?: string; title?: string };
    detail = body.detail ?? body.title;
  } catch {
    detail = undefined;
  }
  if (status === 401) return { message: detail ?? t('evidence.error.session'), retryable: false };
  if (status === 0) return { message: t('evidence.error.network'), retryable: true };
  const retryable = status >= 500 || status === 409 || status === 423 || status === 429;
  return { message: detail ?? t('error.http', { status }), retryable };
}

export interface RunningUpload {
  /** Stops sending; `giveUp` also drops the partial upload, here and on the server. */
  abort: (giveUp: boolean) => void;
}

/** Drops what the resume store keeps for a file, so that picking it again starts afresh. */
export const forgetUpload = (r: UploadRequest): void => forgetFingerprint(fingerprintOf(r));

function forgetFingerprint(fingerprint: string): void {
  const storage = defaultOptions.urlStorage;
  void storage
    .findUploadsByFingerprint(fingerprint)
    .then((found) => Promise.all(found.map((u) => storage.removeUpload(u.urlStorageKey))))
    .catch(() => undefined);
}

/** Starts (or resumes) one upload; the callbacks report progress and the end. */
export function startUpload(r: UploadRequest, cb: UploadCallbacks): RunningUpload {
  let resumed = false;
  const fingerprint = fingerprintOf(r);
  const upload = new Upload(r.file, {
    endpoint: UPLOAD_ENDPOINT,
    chunkSize: CHUNK_SIZE,
    retryDelays: RETRY_DELAYS,
    metadata: metadataOf(r),
    fingerprint: () => Promise.resolve(fingerprint),
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    onProgress: cb.onProgress,
    onShouldRetry: (err) => {
      const status = err.originalResponse?.getStatus() ?? 0;
      // The server's refusals (413, 415, 403…) are final; the network and the server's hiccups are not.
      const retry = status === 0 || status >= 500 || status === 409 || status === 423 || status === 429;
      if (retry) cb.onRetry();
      return retry;
    },
    onSuccess: ({ lastResponse }) => {
      const id = Number(lastResponse.getHeader('Qudi-Attachment-Id'));
      let duplicate = false;
      let earlierRound = false;
      try {
        const result = JSON.parse(lastResponse.getBody()) as Partial<UploadResultDto>;
        duplicate = result.duplicate === true;
        earlierRound = result.attachment?.earlierRound === true;
      } catch {
        // A resumed upload that had already finished ends with a HEAD, which has no body.
      }
      cb.onSuccess({ attachmentId: Number.isInteger(id) && id > 0 ? id : null, duplicate, earlierRound, resumed });
    },
    onError: (err) => {
      const { message, retryable } = uploadErrorMessage(err);
      // A refused file is not worth resuming: the next pick of it starts a new upload.
      if (!retryable) forgetFingerprint(fingerprint);
      cb.onError(message, retryable);
    },
  });
  void upload
    .findPreviousUploads()
    .then((previous) => {
      const last = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
      if (last) {
        resumed = true;
        upload.resumeFromPreviousUpload(last);
      }
    })
    .catch(() => undefined)
    .finally(() => upload.start());
  return {
    abort: (giveUp) => {
      void upload.abort(giveUp).catch(() => undefined);
      if (giveUp) forgetFingerprint(fingerprint);
    },
  };
}

/** Uploads of this workshop that stopped part-way (page closed, connection lost) and can be resumed by picking the file again. */
export async function unfinishedUploads(enterpriseId: number): Promise<PreviousUpload[]> {
  try {
    const all = await defaultOptions.urlStorage.findAllUploads();
    return all.filter((u) => u.metadata.recordId === String(enterpriseId));
  } catch {
    return [];
  }
}

export async function forgetUnfinished(uploads: PreviousUpload[]): Promise<void> {
  await Promise.all(uploads.map((u) => defaultOptions.urlStorage.removeUpload(u.urlStorageKey).catch(() => undefined)));
}

export const unfinishedTarget = (u: PreviousUpload): string => (u.metadata.recordType === 'item' ? `item:${u.metadata.itemCode ?? ''}` : 'enterprise');
