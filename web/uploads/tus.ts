// The tus glue (resumable uploads through /api/uploads/): the settings every evidence upload
// shares, how a failure reads, and the two ways a file's transport may remember its upload —
// in the browser's storage, so that picking the same file after a reload continues it (a
// workshop's photos), or only in memory, leaving nothing behind in the browser (a clue's files).
import { DetailedError, Upload, defaultOptions, type PreviousUpload, type UploadOptions } from 'tus-js-client';
import type { UploadResultDto } from '../../domain/attachment.js';
import { t } from '../i18n/index.js';
import type { UploadEvents, UploadHandle, UploadOutcome } from './queue.js';

export const UPLOAD_ENDPOINT = '/api/uploads/';
const CHUNK_SIZE = 5 * 1024 * 1024;
// Village networks drop for seconds at a time; tus retries each request after these pauses.
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000];

/** Whether a failed request is worth trying again: the network (0) and the server's hiccups are; its refusals (413, 415, 403, 404…) are final. */
export const retryableStatus = (status: number): boolean => status === 0 || status >= 500 || status === 409 || status === 423 || status === 429;

/** What the body of the response that completed an upload says; a completed upload answered by HEAD carries none. */
export function uploadOutcome(body: string): UploadOutcome {
  try {
    const result = JSON.parse(body) as Partial<UploadResultDto>;
    return { duplicate: result.duplicate === true, earlierRound: result.attachment?.earlierRound === true };
  } catch {
    return { duplicate: false, earlierRound: false };
  }
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
  return { message: detail ?? t('error.http', { status }), retryable: retryableStatus(status) };
}

/** The options every upload shares, reporting to `events`; `refused` runs first when a failure is final. */
function sharedOptions(events: UploadEvents, refused: () => void = () => undefined): UploadOptions {
  return {
    endpoint: UPLOAD_ENDPOINT,
    chunkSize: CHUNK_SIZE,
    retryDelays: RETRY_DELAYS,
    onProgress: events.onProgress,
    onShouldRetry: (err) => {
      const retry = retryableStatus(err.originalResponse?.getStatus() ?? 0);
      if (retry) events.onRetry();
      return retry;
    },
    onSuccess: ({ lastResponse }) => events.onSuccess(uploadOutcome(lastResponse.getBody())),
    onError: (err) => {
      const { message, retryable } = uploadErrorMessage(err);
      if (!retryable) refused();
      events.onError(message, retryable);
    },
  };
}

/**
 * An upload the browser's storage remembers by `fingerprint` (the file and where it goes), so that
 * the same file picked again after a reload or a dropped connection continues where it stopped.
 * Each start looks the fingerprint up afresh; a refused file is forgotten, as is one given up.
 */
export function resumableUpload(file: File, metadata: Record<string, string>, fingerprint: string, events: UploadEvents): UploadHandle {
  // A refused file is not worth resuming: the next pick of it starts a new upload.
  const upload = new Upload(file, {
    ...sharedOptions(events, () => forgetFingerprint(fingerprint)),
    metadata,
    fingerprint: () => Promise.resolve(fingerprint),
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
  });
  return {
    start: () => {
      void upload
        .findPreviousUploads()
        .then((previous) => {
          const last = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
          if (last) upload.resumeFromPreviousUpload(last);
        })
        .catch(() => undefined)
        .finally(() => upload.start());
    },
    abort: (giveUp) => {
      void upload.abort(giveUp).catch(() => undefined);
      if (giveUp) forgetFingerprint(fingerprint);
    },
  };
}

/** An upload nothing in the browser's storage remembers: it continues only while the page lives. */
export function inMemoryUpload(file: File, metadata: Record<string, string>, events: UploadEvents): UploadHandle {
  const upload = new Upload(file, { ...sharedOptions(events), metadata, storeFingerprintForResuming: false });
  return {
    start: () => upload.start(),
    abort: (giveUp) => void upload.abort(giveUp).catch(() => undefined),
  };
}

/** Drops what the browser's storage keeps for a fingerprint, so that picking the file again starts afresh. */
export function forgetFingerprint(fingerprint: string): void {
  const storage = defaultOptions.urlStorage;
  void storage
    .findUploadsByFingerprint(fingerprint)
    .then((found) => Promise.all(found.map((u) => storage.removeUpload(u.urlStorageKey))))
    .catch(() => undefined);
}

/** Uploads the browser's storage remembers that `keep` selects: stopped part-way (page closed, connection lost). */
export async function rememberedUploads(keep: (u: PreviousUpload) => boolean): Promise<PreviousUpload[]> {
  try {
    return (await defaultOptions.urlStorage.findAllUploads()).filter(keep);
  } catch {
    return [];
  }
}

export async function forgetUploads(uploads: PreviousUpload[]): Promise<void> {
  await Promise.all(uploads.map((u) => defaultOptions.urlStorage.removeUpload(u.urlStorageKey).catch(() => undefined)));
}
