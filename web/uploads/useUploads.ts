// A queue's tasks in a component: re-rendered when they change, and only those `select` keeps.
import { useMemo, useSyncExternalStore } from 'react';
import type { UploadQueue, UploadTask } from './queue.js';

export function useQueuedUploads<R>(queue: UploadQueue<R>, select: (task: UploadTask<R>) => boolean, deps: readonly unknown[]): UploadTask<R>[] {
  const all = useSyncExternalStore(queue.subscribe, queue.tasks);
  // `deps` are what `select` reads: a new filter function each render must not refilter.
  return useMemo(() => all.filter(select), [all, ...deps]);
}
