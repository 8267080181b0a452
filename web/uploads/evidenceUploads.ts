// A workshop's evidence uploads (全程影像记录): photos and videos of a standard item or of the
// workshop itself. They are remembered in the browser's storage by the file and where it goes, so
// that a village upload cut off by the network or a closed page continues when the same file is
// picked again, and whatever stopped for the network goes on by itself when the device is back online.
import type { PreviousUpload } from 'tus-js-client';
import type { EvidencePhase } from '../../domain/attachment.js';
import { evidenceKeys, targetKey, type EvidenceTarget } from '../api/evidence.js';
import { keys } from '../api/hooks.js';
import { queryClient } from '../queryClient.js';
import type { DevicePosition } from './devicePosition.js';
import { createUploadQueue, type UploadTask } from './queue.js';
import { forgetFingerprint, forgetUploads, rememberedUploads, resumableUpload } from './tus.js';
import { useQueuedUploads } from './useUploads.js';

/** What the file picker offers: photos and the videos phones record. */
export const ACCEPT = 'image/*,video/mp4,video/quicktime';

export interface UploadRequest {
  enterpriseId: number;
  target: EvidenceTarget;
  file: File;
  caption: string;
  phase: EvidencePhase;
  replacesId: number | null;
  position: DevicePosition | null;
}

export type EvidenceUploadTask = UploadTask<UploadRequest>;

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
 * What the browser's storage knows a file by: the file itself and where it goes. The same photo
 * sent to two items, or as a replacement, is a separate upload; the same file picked again after a
 * reload or a dropped connection continues where it stopped.
 */
function fingerprintOf(r: UploadRequest): string {
  const f = r.file;
  return ['qudi', r.enterpriseId, targetKey(r.target), r.replacesId ?? '', f.name, f.type, f.size, f.lastModified].join('|');
}

const queue = createUploadQueue<UploadRequest>({
  idPrefix: 'u',
  sizeOf: (r) => r.file.size,
  transport: (r, events) => resumableUpload(r.file, metadataOf(r), fingerprintOf(r), events),
  // A new transport on retry looks its upload up in the browser's storage and continues it.
  keepAfterFailure: false,
  // A failed upload has no transport left: forgetting it is enough (the server expires partial uploads).
  forget: (r) => forgetFingerprint(fingerprintOf(r)),
  onDone: (r) => {
    void queryClient.invalidateQueries({ queryKey: evidenceKeys.list(r.enterpriseId) });
    void queryClient.invalidateQueries({ queryKey: keys.enterprise(r.enterpriseId) });
    void queryClient.invalidateQueries({ queryKey: keys.history(r.enterpriseId) });
  },
  // A file taken before the workshop's recurrence counts for nothing: its row stays until dismissed (the user must take a new one).
  lingers: (outcome) => outcome.earlierRound,
});

// Back online: whatever stopped for the network goes on by itself.
if (typeof window !== 'undefined') window.addEventListener('online', () => queue.resumeStopped());

/** Queues files for one record of a workshop; they go one after another. */
export const enqueue = (requests: UploadRequest[]): void => queue.enqueue(requests);
/** Tries a failed file again; tus continues from the last byte the server confirmed. */
export const retry = (id: string): void => queue.retry(id);
/** The user gives a file up (or dismisses a finished one): what reached the server is dropped too. */
export const remove = (id: string): void => queue.remove(id);

/** The uploads of one record of one workshop. */
export function useUploadTasks(enterpriseId: number, key: string): EvidenceUploadTask[] {
  return useQueuedUploads(queue, (t) => t.request.enterpriseId === enterpriseId && targetKey(t.request.target) === key, [enterpriseId, key]);
}

/** Uploads of this workshop that stopped part-way (page closed, connection lost) and can be resumed by picking the file again. */
export const unfinishedUploads = (enterpriseId: number): Promise<PreviousUpload[]> => rememberedUploads((u) => u.metadata.recordId === String(enterpriseId));

export const forgetUnfinished = (uploads: PreviousUpload[]): Promise<void> => forgetUploads(uploads);

export const unfinishedTarget = (u: PreviousUpload): string => (u.metadata.recordType === 'item' ? `item:${u.metadata.itemCode ?? ''}` : 'enterprise');
