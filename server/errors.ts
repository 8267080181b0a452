// Errors with stable ids (domain/problems.ts, the published catalogue). One handler
// (plugins/errorHandler.ts) turns them, zod issues and constraint violations into
// application/problem+json with a Chinese title and detail.
import { PROBLEMS, type ErrorCode, type FieldError } from '../domain/problems.js';

export type { ErrorCode, FieldError };

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Extension members of the problem document (RFC 9457 §3.2), e.g. the duplicate candidates. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? PROBLEMS[code].title);
    this.status = PROBLEMS[code].status;
    this.title = PROBLEMS[code].title;
  }
}

export const notFound = (detail = '请求的记录不存在或不在您的管辖范围内') => new AppError('not_found', detail);
export const forbidden = (detail = '您的角色无权执行此操作') => new AppError('forbidden', detail);
export const conflict = (detail: string, errors?: FieldError[]) => new AppError('conflict', detail, errors);
export const invalid = (detail: string, errors?: FieldError[]) => new AppError('validation_failed', detail, errors);

export function problemTitle(code: ErrorCode): [number, string] {
  return [PROBLEMS[code].status, PROBLEMS[code].title];
}
