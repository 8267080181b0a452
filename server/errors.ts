// Errors with stable ids. One handler (plugins/errorHandler.ts) turns them, zod issues and
// constraint violations into application/problem+json with a Chinese title and detail.

export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'possible_duplicate'
  | 'stale_version'
  | 'invalid_transition'
  | 'evidence_required'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal';

const TITLES: Record<ErrorCode, [number, string]> = {
  validation_failed: [400, '提交的内容有误'],
  unauthenticated: [401, '请先登录'],
  forbidden: [403, '无权执行此操作'],
  not_found: [404, '未找到'],
  conflict: [409, '与现有数据冲突'],
  possible_duplicate: [409, '可能与已登记企业重复'],
  stale_version: [409, '数据已被他人修改'],
  invalid_transition: [409, '当前状态不允许此操作'],
  evidence_required: [409, '缺少现场影像资料'],
  payload_too_large: [413, '提交的内容过大'],
  unsupported_media_type: [415, '不支持的内容类型'],
  rate_limited: [429, '操作过于频繁'],
  internal: [500, '服务器内部错误'],
};

export interface FieldError {
  path: string;
  message: string;
}

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
    super(detail ?? TITLES[code][1]);
    [this.status, this.title] = TITLES[code];
  }
}

export const notFound = (detail = '请求的记录不存在或不在您的管辖范围内') => new AppError('not_found', detail);
export const forbidden = (detail = '您的角色无权执行此操作') => new AppError('forbidden', detail);
export const conflict = (detail: string, errors?: FieldError[]) => new AppError('conflict', detail, errors);
export const invalid = (detail: string, errors?: FieldError[]) => new AppError('validation_failed', detail, errors);

export function problemTitle(code: ErrorCode): [number, string] {
  return TITLES[code];
}
