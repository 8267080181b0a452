// A form of a few fields and one file sent as multipart (the task table, a power office's account list),
// with the upload's progress. Kept out of client.ts: only the pages that upload sheets load it.
import type { ProblemDto } from '../../domain/api.js';
import { t } from '../i18n/index.js';
import { ApiError } from './client.js';

/**
 * Sends a form of a few fields and one file as multipart with XMLHttpRequest, whose upload events give
 * the progress that fetch cannot report: a big sheet over a village connection takes a while.
 */
export function uploadForm<T>(path: string, fields: Record<string, string>, file: File, onProgress?: (percent: number) => void): Promise<T> {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'network', detail: t('error.network') }));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(new ApiError(xhr.status, (data ?? {}) as Partial<ProblemDto>));
    };
    xhr.send(body);
  });
}
