// Uploads to a record that is not a workshop — a disciplinary clue, a truck interception — through
// /api/uploads/ with that record type. An upload goes on, and shows again, when the record's dialog
// is closed and reopened. Unlike a workshop's photos, nothing about these uploads is kept in the
// browser's storage (no resume after a reload): on a shared office computer a file name left in
// localStorage would tell the next user what a confidential clue holds. A failed upload continues in
// place, from memory.
import type { QueryKey } from '@tanstack/react-query';
import type { AttachmentRecordType, EvidenceKindName, RecordAttachmentListDto } from '../../domain/attachment.js';
import { queryClient } from '../queryClient.js';
import { createUploadQueue, type UploadTask } from './queue.js';
import { inMemoryUpload } from './tus.js';
import { useQueuedUploads } from './useUploads.js';

export interface RecordUploadRequest {
  recordId: number;
  file: File;
}

export type RecordUploadTask = UploadTask<RecordUploadRequest>;

/** The kind the browser says a file is, for the size check before sending (the server sniffs the bytes). */
export function guessKind(file: File): EvidenceKindName {
  if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) return 'document';
  if (file.type.startsWith('video/') || /\.(mp4|mov)$/i.test(file.name)) return 'video';
  return 'photo';
}

export function maxBytesFor(kind: EvidenceKindName, limits: RecordAttachmentListDto['limits']): number {
  return kind === 'video' ? limits.videoMaxBytes : kind === 'document' ? limits.documentMaxBytes : limits.photoMaxBytes;
}

/** What a files panel does with one record type's uploads. */
export interface RecordUploads {
  /** Queues files for a record; they go one after another. */
  enqueue(recordId: number, files: File[]): void;
  /** A file refused before it was sent (e.g. too large): shown as failed, with the reason. */
  refuse(recordId: number, file: File, error: string): void;
  /** Tries a failed file again; tus continues from the last byte the server confirmed. */
  retry(id: string): void;
  /** The user gives a file up: what reached the server is dropped too. */
  remove(id: string): void;
  /** The uploads of one record (a hook). */
  useUploads(recordId: number): RecordUploadTask[];
}

/** One queue for a record type; `listKey` names the record's file list, refreshed when a file lands. */
export function createRecordUploads(recordType: Exclude<AttachmentRecordType, 'enterprise' | 'item'>, idPrefix: string, listKey: (recordId: number) => QueryKey, alsoRefresh: QueryKey[] = []): RecordUploads {
  const queue = createUploadQueue<RecordUploadRequest>({
    idPrefix,
    sizeOf: (r) => r.file.size,
    transport: (r, events) => inMemoryUpload(r.file, { recordType, recordId: String(r.recordId), filename: r.file.name }, events),
    // Nothing is remembered in the browser: trying again continues with the same transport.
    keepAfterFailure: true,
    onDone: (r) => {
      void queryClient.invalidateQueries({ queryKey: listKey(r.recordId) });
      for (const key of alsoRefresh) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  return {
    enqueue: (recordId, files) => queue.enqueue(files.map((file) => ({ recordId, file }))),
    refuse: (recordId, file, error) => queue.refuse({ recordId, file }, error),
    retry: (id) => queue.retry(id),
    remove: (id) => queue.remove(id),
    useUploads: (recordId) => useQueuedUploads(queue, (t) => t.request.recordId === recordId, [recordId]),
  };
}
