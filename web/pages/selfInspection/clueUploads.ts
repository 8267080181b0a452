// Uploads of a clue's files (线索附件): tus through /api/uploads/ (recordType 'clue'), one file at a
// time, kept outside React so that an upload goes on, and shows again, when the clue's dialog is
// closed and reopened. Unlike a workshop's photos, nothing about a clue upload is kept in the
// browser's storage (no resume after a reload): on a shared office computer a file name left in
// localStorage would tell the next user what a confidential clue holds.
import { useMemo, useSyncExternalStore } from 'react';
import { Upload } from 'tus-js-client';
import type { ClueAttachmentListDto, EvidenceKindName, UploadResultDto } from '../../../domain/attachment.js';
import { clueAttachmentsKey } from '../../api/selfInspectionHooks.js';
import { queryClient } from '../../queryClient.js';
import { UPLOAD_ENDPOINT, uploadErrorMessage } from '../enterprises/detail/evidenceApi.js';

/** What the file picker offers; the server judges the real type from the bytes. */
export const CLUE_FILE_ACCEPT = 'image/jpeg,image/png,image/heic,image/heif,.heic,.heif,video/mp4,video/quicktime,application/pdf,.pdf';
const CHUNK_SIZE = 5 * 1024 * 1024;
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000];
const DONE_VISIBLE_MS = 3000;

export type ClueUploadStatus = 'waiting' | 'uploading' | 'retrying' | 'done' | 'failed';

export interface ClueUploadTask {
  id: string;
  clueId: number;
  file: File;
  status: ClueUploadStatus;
  sent: number;
  total: number;
  error: string | null;
  /** Whether trying again can help (the network, not a refusal). */
  retryable: boolean;
  /** The same bytes were already on this clue: nothing new was stored. */
  duplicate: boolean;
}

let tasks: ClueUploadTask[] = [];
const listeners = new Set<() => void>();
/** The tus upload of each started task: trying again continues from the bytes the server confirmed. */
const uploads = new Map<string, Upload>();
let nextId = 1;

function emit(): void {
  for (const l of listeners) l();
}

function update(id: string, patch: Partial<ClueUploadTask>): void {
  tasks = tasks.map((task) => (task.id === id ? { ...task, ...patch } : task));
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The kind the browser says a file is, for the size check before sending (the server sniffs the bytes). */
export function guessKind(file: File): EvidenceKindName {
  if (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)) return 'document';
  if (file.type.startsWith('video/') || /\.(mp4|mov)$/i.test(file.name)) return 'video';
  return 'photo';
}

export function maxBytesFor(kind: EvidenceKindName, limits: ClueAttachmentListDto['limits']): number {
  return kind === 'video' ? limits.videoMaxBytes : kind === 'document' ? limits.documentMaxBytes : limits.photoMaxBytes;
}

function uploadOf(task: ClueUploadTask): Upload {
  const { id, clueId, file } = task;
  return new Upload(file, {
    endpoint: UPLOAD_ENDPOINT,
    chunkSize: CHUNK_SIZE,
    retryDelays: RETRY_DELAYS,
    metadata: { recordType: 'clue', recordId: String(clueId), filename: file.name },
    storeFingerprintForResuming: false,
    onProgress: (sent, total) => update(id, { sent, total, status: 'uploading' }),
    onShouldRetry: (err) => {
      const status = err.originalResponse?.getStatus() ?? 0;
      // The server's refusals (413, 415, 403, 404…) are final; the network and the server's hiccups are not.
      const retry = status === 0 || status >= 500 || status === 409 || status === 423 || status === 429;
      if (retry) update(id, { status: 'retrying' });
      return retry;
    },
    onSuccess: ({ lastResponse }) => {
      let duplicate = false;
      try {
        duplicate = (JSON.parse(lastResponse.getBody()) as Partial<UploadResultDto>).duplicate === true;
      } catch {
        // A completed upload answered by HEAD carries no body.
      }
      uploads.delete(id);
      update(id, { status: 'done', sent: file.size, total: file.size, duplicate });
      void queryClient.invalidateQueries({ queryKey: clueAttachmentsKey(clueId) });
      window.setTimeout(() => dismiss(id), DONE_VISIBLE_MS);
      pump();
    },
    onError: (err) => {
      const { message, retryable } = uploadErrorMessage(err);
      if (!retryable) uploads.delete(id);
      update(id, { status: 'failed', error: message, retryable });
      pump();
    },
  });
}

function pump(): void {
  if (tasks.some((task) => task.status === 'uploading' || task.status === 'retrying')) return;
  const next = tasks.find((task) => task.status === 'waiting');
  if (!next) return;
  update(next.id, { status: 'uploading', error: null });
  let upload = uploads.get(next.id);
  if (!upload) {
    upload = uploadOf(next);
    uploads.set(next.id, upload);
  }
  upload.start();
}

/** Queues files for a clue; they go one after another. */
export function enqueueClueFiles(clueId: number, files: File[]): void {
  tasks = [
    ...tasks,
    ...files.map((file): ClueUploadTask => ({ id: `c${nextId++}`, clueId, file, status: 'waiting', sent: 0, total: file.size, error: null, retryable: false, duplicate: false })),
  ];
  emit();
  pump();
}

/** A file refused before it was sent (e.g. too large): shown as failed, with the reason. */
export function refuseClueFile(clueId: number, file: File, error: string): void {
  tasks = [...tasks, { id: `c${nextId++}`, clueId, file, status: 'failed', sent: 0, total: file.size, error, retryable: false, duplicate: false }];
  emit();
}

/** Tries a failed file again; tus continues from the last byte the server confirmed. */
export function retryClueFile(id: string): void {
  update(id, { status: 'waiting', error: null });
  pump();
}

/** The user gives a file up: what reached the server is dropped too. */
export function removeClueFile(id: string): void {
  const upload = uploads.get(id);
  if (upload) void upload.abort(true).catch(() => undefined);
  dismiss(id);
}

function dismiss(id: string): void {
  uploads.delete(id);
  tasks = tasks.filter((task) => task.id !== id);
  emit();
  pump();
}

const snapshot = () => tasks;

/** The uploads of one clue. */
export function useClueUploads(clueId: number): ClueUploadTask[] {
  const all = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => all.filter((task) => task.clueId === clueId), [all, clueId]);
}
