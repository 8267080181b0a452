// A disciplinary clue's files (线索附件): photos, videos and PDF documents, through /api/uploads/
// with recordType 'clue'. An upload goes on, and shows again, when the clue's dialog is closed and
// reopened. Unlike a workshop's photos, nothing about a clue upload is kept in the browser's storage
// (no resume after a reload): on a shared office computer a file name left in localStorage would
// tell the next user what a confidential clue holds. A failed upload continues in place, from memory.
import type { ClueAttachmentListDto, EvidenceKindName } from '../../domain/attachment.js';
import { clueAttachmentsKey } from '../api/selfInspection.js';
import { queryClient } from '../queryClient.js';
import { createUploadQueue, type UploadTask } from './queue.js';
import { inMemoryUpload } from './tus.js';
import { useQueuedUploads } from './useUploads.js';

/** What the file picker offers; the server judges the real type from the bytes. */
export const CLUE_FILE_ACCEPT = 'image/jpeg,image/png,image/heic,image/heif,.heic,.heif,video/mp4,video/quicktime,application/pdf,.pdf';

export interface ClueUploadRequest {
  clueId: number;
  file: File;
}

export type ClueUploadTask = UploadTask<ClueUploadRequest>;

/** The kind the browser says a file is, for the size check before sending (the server sniffs the bytes). */
export function guessKind(file: File): EvidenceKindName {
  if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) return 'document';
  if (file.type.startsWith('video/') || /\.(mp4|mov)$/i.test(file.name)) return 'video';
  return 'photo';
}

export function maxBytesFor(kind: EvidenceKindName, limits: ClueAttachmentListDto['limits']): number {
  return kind === 'video' ? limits.videoMaxBytes : kind === 'document' ? limits.documentMaxBytes : limits.photoMaxBytes;
}

const queue = createUploadQueue<ClueUploadRequest>({
  idPrefix: 'c',
  sizeOf: (r) => r.file.size,
  transport: (r, events) => inMemoryUpload(r.file, { recordType: 'clue', recordId: String(r.clueId), filename: r.file.name }, events),
  // Nothing is remembered in the browser: trying again continues with the same transport.
  keepAfterFailure: true,
  onDone: (r) => void queryClient.invalidateQueries({ queryKey: clueAttachmentsKey(r.clueId) }),
});

/** Queues files for a clue; they go one after another. */
export const enqueueClueFiles = (clueId: number, files: File[]): void => queue.enqueue(files.map((file) => ({ clueId, file })));
/** A file refused before it was sent (e.g. too large): shown as failed, with the reason. */
export const refuseClueFile = (clueId: number, file: File, error: string): void => queue.refuse({ clueId, file }, error);
/** Tries a failed file again; tus continues from the last byte the server confirmed. */
export const retryClueFile = (id: string): void => queue.retry(id);
/** The user gives a file up: what reached the server is dropped too. */
export const removeClueFile = (id: string): void => queue.remove(id);

/** The uploads of one clue. */
export function useClueUploads(clueId: number): ClueUploadTask[] {
  return useQueuedUploads(queue, (t) => t.request.clueId === clueId, [clueId]);
}
