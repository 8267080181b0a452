// The evidence uploads in progress, kept outside React so that they go on (and stay visible) when
// the user closes a dialog or leaves the page and comes back. One file goes at a time: on a weak
// village connection parallel uploads only slow each other down.
import { useMemo, useSyncExternalStore } from 'react';
import { keys } from '../../../api/hooks.js';
import { queryClient } from '../../../queryClient.js';
import { evidenceKeys, forgetUpload, startUpload, targetKey, type RunningUpload, type UploadRequest } from './evidenceApi.js';

export type TaskStatus = 'waiting' | 'uploading' | 'retrying' | 'done' | 'failed';

export interface UploadTask {
  id: string;
  request: UploadRequest;
  status: TaskStatus;
  sent: number;
  total: number;
  error: string | null;
  /** Whether trying again can help (a network failure, not a refusal). */
  retryable: boolean;
  /** The server already had these bytes on this record and kept one copy. */
  duplicate: boolean;
  /** Stored, but taken before the workshop's recurrence: it counts for no item (stays listed until dismissed). */
  earlierRound: boolean;
}

let tasks: UploadTask[] = [];
const listeners = new Set<() => void>();
const running = new Map<string, RunningUpload>();
let nextId = 1;

function emit(): void {
  for (const l of listeners) l();
}

function update(id: string, patch: Partial<UploadTask>): void {
  tasks = tasks.map((t) => (t.id === id ? { ...t, ...patch } : t));
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const DONE_VISIBLE_MS = 3000;

function pump(): void {
  if (tasks.some((t) => t.status === 'uploading' || t.status === 'retrying')) return;
  const next = tasks.find((t) => t.status === 'waiting');
  if (!next) return;
  const { id, request } = next;
  update(id, { status: 'uploading', error: null });
  running.set(
    id,
    startUpload(request, {
      onProgress: (sent, total) => update(id, { sent, total, status: 'uploading' }),
      onRetry: () => update(id, { status: 'retrying' }),
      onSuccess: ({ duplicate, earlierRound }) => {
        running.delete(id);
        update(id, { status: 'done', sent: request.file.size, total: request.file.size, duplicate, earlierRound });
        void queryClient.invalidateQueries({ queryKey: evidenceKeys.list(request.enterpriseId) });
        void queryClient.invalidateQueries({ queryKey: keys.enterprise(request.enterpriseId) });
        void queryClient.invalidateQueries({ queryKey: keys.history(request.enterpriseId) });
        // The new tile shows in the gallery; the finished row lingers a moment so the user sees it
        // went, or until dismissed when the file will not count (the user must take a new one).
        if (!earlierRound) window.setTimeout(() => dismiss(id), DONE_VISIBLE_MS);
        pump();
      },
      onError: (message, retryable) => {
        running.delete(id);
        update(id, { status: 'failed', error: message, retryable });
        pump();
      },
    }),
  );
}

/** Queues files for one record of a workshop; they go one after another. */
export function enqueue(requests: UploadRequest[]): void {
  tasks = [
    ...tasks,
    ...requests.map((request): UploadTask => ({ id: `u${nextId++}`, request, status: 'waiting', sent: 0, total: request.file.size, error: null, retryable: false, duplicate: false, earlierRound: false })),
  ];
  emit();
  pump();
}

/** Tries a failed file again; tus continues from the last byte the server confirmed. */
export function retry(id: string): void {
  update(id, { status: 'waiting', error: null });
  pump();
}

/** The user gives a file up: what reached the server is dropped too. */
export function remove(id: string): void {
  const task = tasks.find((t) => t.id === id);
  if (task && task.status !== 'done') {
    const live = running.get(id);
    // A failed upload has no instance left: forgetting it here is enough (the server expires partial uploads).
    if (live) live.abort(true);
    else forgetUpload(task.request);
  }
  dismiss(id);
}

function dismiss(id: string): void {
  running.delete(id);
  tasks = tasks.filter((t) => t.id !== id);
  emit();
  pump();
}

// Back online: whatever stopped for the network goes on by itself.
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    const stopped = tasks.filter((t) => t.status === 'failed' && t.retryable);
    if (stopped.length === 0) return;
    tasks = tasks.map((t) => (stopped.includes(t) ? { ...t, status: 'waiting', error: null } : t));
    emit();
    pump();
  });
}

const snapshot = () => tasks;

/** The uploads of one record of one workshop. */
export function useUploadTasks(enterpriseId: number, key: string): UploadTask[] {
  const all = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => all.filter((t) => t.request.enterpriseId === enterpriseId && targetKey(t.request.target) === key), [all, enterpriseId, key]);
}
