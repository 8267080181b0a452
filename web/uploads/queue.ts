// The one upload queue: files on their way to the server, kept outside React so that they go on
// (and show again) when the user closes a dialog or leaves the page and comes back. One file goes
// at a time: on a weak village connection parallel uploads only slow each other down. What is sent
// and how (tus, and whether anything is remembered in the browser) is the transport's, given by
// whoever makes a queue (evidenceUploads.ts, clueUploads.ts); this module holds only the order of
// things, so that it can be tested without a network or a browser.

export type UploadStatus = 'waiting' | 'uploading' | 'retrying' | 'done' | 'failed';

/** What the server answered a finished upload. */
export interface UploadOutcome {
  /** The evidence file the upload became: a file is shown as uploaded only with it. */
  attachmentId: number;
  /** The same bytes were already on this record, so nothing new was recorded. */
  duplicate: boolean;
  /** Stored, but taken before the workshop's recurrence: it counts for no item. */
  earlierRound: boolean;
}

/** What a transport reports while it sends one file. */
export interface UploadEvents {
  onProgress: (sent: number, total: number) => void;
  /** Pausing before trying a failed request again. */
  onRetry: () => void;
  onSuccess: (outcome: UploadOutcome) => void;
  /** `retryable`: trying again can help (the network, the server's hiccups), not a refusal. */
  onError: (message: string, retryable: boolean) => void;
}

/** One file's transport. */
export interface UploadHandle {
  /** Starts sending, or continues from what the server confirmed. */
  start: () => void;
  /** Stops sending; `giveUp` also drops the partial upload, here and on the server. */
  abort: (giveUp: boolean) => void;
}

export interface UploadTask<R> {
  id: string;
  request: R;
  status: UploadStatus;
  sent: number;
  total: number;
  error: string | null;
  /** Whether trying again can help (a network failure, not a refusal). */
  retryable: boolean;
  /** The server already had these bytes on this record and kept one copy. */
  duplicate: boolean;
  /** Stored, but taken before the workshop's recurrence: it counts for no item. */
  earlierRound: boolean;
  /** The evidence file it became, once done. */
  attachmentId: number | null;
}

export interface UploadQueueOptions<R> {
  /** Prefix of the tasks' ids. */
  idPrefix: string;
  /** Bytes of the request's file. */
  sizeOf: (request: R) => number;
  /** The transport for a task, not yet started, reporting through `events`. */
  transport: (request: R, events: UploadEvents) => UploadHandle;
  /**
   * After a failure that trying again can help, keep the transport and start it again on retry
   * (it continues in place, from memory); otherwise a retry makes a new one.
   */
  keepAfterFailure: boolean;
  /** A task given up while no transport holds it (waiting, or failed): forget what is remembered of it. */
  forget?: (request: R) => void;
  /** A file arrived: refresh whatever shows it. */
  onDone?: (request: R, outcome: UploadOutcome) => void;
  /** Whether a finished row stays until dismissed (the user must act on it); otherwise it goes after a moment. */
  lingers?: (outcome: UploadOutcome) => boolean;
  /** For tests: the timer that clears finished rows. */
  setTimer?: (run: () => void, ms: number) => void;
}

export interface UploadQueue<R> {
  /** Every task, in the order queued (a new array after each change). */
  tasks: () => readonly UploadTask<R>[];
  subscribe: (listener: () => void) => () => void;
  /** Queues files; they go one after another. */
  enqueue: (requests: R[]) => void;
  /** A file refused before it was sent (e.g. too large): shown as failed, with the reason. */
  refuse: (request: R, error: string) => void;
  /** Tries a failed file again; the transport continues from the last byte the server confirmed. */
  retry: (id: string) => void;
  /** The user gives a file up: what reached the server is dropped too. */
  remove: (id: string) => void;
  /** Back online: whatever stopped for the network goes on by itself. */
  resumeStopped: () => void;
}

/** How long a finished row stays, so the user sees the file went. */
export const DONE_VISIBLE_MS = 3000;

export function createUploadQueue<R>(options: UploadQueueOptions<R>): UploadQueue<R> {
  const { idPrefix, sizeOf, transport, keepAfterFailure, forget, onDone, lingers = () => false } = options;
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => void globalThis.setTimeout(run, ms));
  let tasks: UploadTask<R>[] = [];
  const listeners = new Set<() => void>();
  /** The transport of each started task (and of a failed one kept to continue in place). */
  const handles = new Map<string, UploadHandle>();
  let nextId = 1;

  const emit = () => {
    for (const l of listeners) l();
  };

  const update = (id: string, patch: Partial<UploadTask<R>>) => {
    tasks = tasks.map((t) => (t.id === id ? { ...t, ...patch } : t));
    emit();
  };

  const newTask = (request: R, patch: Partial<UploadTask<R>> = {}): UploadTask<R> => ({
    id: `${idPrefix}${nextId++}`,
    request,
    status: 'waiting',
    sent: 0,
    total: sizeOf(request),
    error: null,
    retryable: false,
    duplicate: false,
    earlierRound: false,
    attachmentId: null,
    ...patch,
  });

  const eventsFor = (id: string, request: R): UploadEvents => ({
    onProgress: (sent, total) => update(id, { sent, total, status: 'uploading' }),
    onRetry: () => update(id, { status: 'retrying' }),
    onSuccess: (outcome) => {
      handles.delete(id);
      const size = sizeOf(request);
      update(id, { status: 'done', sent: size, total: size, duplicate: outcome.duplicate, earlierRound: outcome.earlierRound, attachmentId: outcome.attachmentId });
      onDone?.(request, outcome);
      // The finished row lingers a moment so the user sees it went, or until dismissed when the file will not count.
      if (!lingers(outcome)) setTimer(() => dismiss(id), DONE_VISIBLE_MS);
      pump();
    },
    onError: (message, retryable) => {
      if (!keepAfterFailure || !retryable) handles.delete(id);
      update(id, { status: 'failed', error: message, retryable });
      pump();
    },
  });

  function pump(): void {
    if (tasks.some((t) => t.status === 'uploading' || t.status === 'retrying')) return;
    const next = tasks.find((t) => t.status === 'waiting');
    if (!next) return;
    update(next.id, { status: 'uploading', error: null });
    let handle = handles.get(next.id);
    if (!handle) {
      handle = transport(next.request, eventsFor(next.id, next.request));
      handles.set(next.id, handle);
    }
    handle.start();
  }

  function dismiss(id: string): void {
    handles.delete(id);
    tasks = tasks.filter((t) => t.id !== id);
    emit();
    pump();
  }

  return {
    tasks: () => tasks,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    enqueue: (requests) => {
      tasks = [...tasks, ...requests.map((r) => newTask(r))];
      emit();
      pump();
    },
    refuse: (request, error) => {
      tasks = [...tasks, newTask(request, { status: 'failed', error })];
      emit();
    },
    retry: (id) => {
      update(id, { status: 'waiting', error: null });
      pump();
    },
    remove: (id) => {
      const task = tasks.find((t) => t.id === id);
      if (task && task.status !== 'done') {
        const handle = handles.get(id);
        if (handle) handle.abort(true);
        else forget?.(task.request);
      }
      dismiss(id);
    },
    resumeStopped: () => {
      const stopped = tasks.filter((t) => t.status === 'failed' && t.retryable);
      if (stopped.length === 0) return;
      tasks = tasks.map((t) => (stopped.includes(t) ? { ...t, status: 'waiting', error: null } : t));
      emit();
      pump();
    },
  };
}
