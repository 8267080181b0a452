// The tus glue (resumable uploads through /api/uploads/): the settings every evidence upload
// shares, how a failure reads, how a finished upload is confirmed, and the two ways a file's
// transport may remember its upload —
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

/**
 * What the body of the response that completed an upload says, or null when it names no evidence
 * file (a HEAD that found the upload complete carries no body; a proxy may have eaten it).
 */
export function uploadOutcome(body: string): UploadOutcome | null {
  try {
    const result = JSON.parse(body) as Partial<UploadResultDto> | null;
    const id = result?.attachment?.id;
    if (typeof id !== 'number' || id <= 0) return null;
    return { attachmentId: id, duplicate: result?.duplicate === true, earlierRound: result?.attachment?.earlierRound === true };
  } catch {
    return null;
  }
}

/** What the server says of an upload the client believes finished (GET /api/uploads/:id). */
export type Confirmation = { kind: 'done'; outcome: UploadOutcome } | { kind: 'resume' } | { kind: 'failed'; message: string; retryable: boolean };

/**
 * Asks the server which evidence file a finished upload became: it records a complete upload not
 * yet recorded (after a server restart) and answers the file; an upload it has not all of is to be
 * resumed; a refusal is told in the server's words.
 */
export async function confirmUpload(url: string, fetcher: typeof fetch = fetch): Promise<Confirmation> {
  let res: Response;
  let body: string;
  try {
    res = await fetcher(url, { method: 'GET', credentials: 'same-origin', headers: { accept: 'application/json' } });
    body = await res.text();
  } catch {
    return { kind: 'failed', message: t('evidence.error.network'), retryable: true };
  }
  if (res.ok) {
    const outcome = uploadOutcome(body);
    return outcome ? { kind: 'done', outcome } : { kind: 'failed', message: t('evidence.error.unconfirmed'), retryable: true };
  }
  if (res.status === 409) return { kind: 'resume' };
  let detail: string | undefined;
  try {
    const problem = JSON.parse(body) as { detail?: string; title?: string };
    detail = problem.detail ?? problem.title;
  } catch {
    detail = undefined;
  }
  if (res.status === 401) return { kind: 'failed', message: detail ?? t('evidence.error.session'), retryable: false };
  return { kind: 'failed', message: detail ?? t('error.http', { status: res.status }), retryable: retryableStatus(res.status) };
}

/** How many times a file the server has not all of is resumed after a confirmation, before it is shown as failed. */
const MAX_CONFIRM_RESUMES = 3;

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

/**
 * The options every upload shares, reporting to `events`; `refused` runs first when a failure is
 * final. A file is reported uploaded only with the evidence file the server made of it: when the
 * last answer names none, the server is asked (confirmUpload), and an upload it has not all of is
 * started again (tus continues from the offset the server gives), up to MAX_CONFIRM_RESUMES times.
 */
function sharedOptions(events: UploadEvents, upload: () => Upload, refused: () => void = () => undefined, confirmed: () => void = () => undefined): UploadOptions {
  let resumes = 0;
  const succeed = (outcome: UploadOutcome) => {
    resumes = 0;
    confirmed();
    events.onSuccess(outcome);
  };
  const fail = (message: string, retryable: boolean) => {
    if (!retryable) refused();
    events.onError(message, retryable);
  };
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
    onSuccess: ({ lastResponse }) => {
      const outcome = uploadOutcome(lastResponse.getBody() ?? '');
      if (outcome) return succeed(outcome);
      const url = upload().url;
      if (!url) return fail(t('evidence.error.unconfirmed'), true);
      void confirmUpload(url).then((c) => {
        if (c.kind === 'done') succeed(c.outcome);
        else if (c.kind === 'resume' && resumes++ < MAX_CONFIRM_RESUMES) upload().start();
        else if (c.kind === 'resume') fail(t('evidence.error.unconfirmed'), true);
        else fail(c.message, c.retryable);
      });
    },
    onError: (err) => {
      const { message, retryable } = uploadErrorMessage(err);
      fail(message, retryable);
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
  const upload: Upload = new Upload(file, {
    ...sharedOptions(
      events,
      () => upload,
      () => forgetFingerprint(fingerprint),
      () => forgetFingerprint(fingerprint),
    ),
    metadata,
    fingerprint: () => Promise.resolve(fingerprint),
    storeFingerprintForResuming: true,
    // Forgotten once the server has named the evidence file (not merely when the last byte went),
    // so that a file picked again before that continues the same upload instead of sending it anew.
    removeFingerprintOnSuccess: false,
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
  const upload: Upload = new Upload(file, { ...sharedOptions(events, () => upload), metadata, storeFingerprintForResuming: false });
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
