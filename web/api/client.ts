// fetch wrapper for the JSON API: same-origin cookies, JSON bodies, and problem+json errors as ApiError.
import type { ProblemDto } from '../../domain/api.js';
import { t } from '../i18n/index.js';

export type FieldError = NonNullable<ProblemDto['errors']>[number];

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** The whole problem document, with any extension members (e.g. `duplicates`). */
  readonly problem: Partial<ProblemDto> & Record<string, unknown>;

  constructor(status: number, problem: Partial<ProblemDto> & Record<string, unknown>) {
    const detail = problem.detail ?? problem.title ?? t('error.http', { status });
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? 'http_error';
    this.title = problem.title ?? detail;
    this.detail = detail;
    this.errors = problem.errors ?? [];
    this.problem = problem;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }

  get isStaleVersion(): boolean {
    return this.code === 'stale_version';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { ...(body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' }), ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'network', detail: t('error.network') });
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, (data ?? {}) as Partial<ProblemDto> & Record<string, unknown>);
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => request<T>('POST', path, body, headers),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};
