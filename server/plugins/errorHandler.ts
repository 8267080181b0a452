// One place that turns every error into application/problem+json (RFC 9457) with Chinese text.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { enterpriseFieldLabels } from '../../domain/i18n/labels.zh-CN.js';
import { problemType } from '../../domain/problems.js';
import { AppError, notFound, problemTitle, type ErrorCode, type FieldError } from '../errors.js';

const FIELD_LABELS: Record<string, string> = { ...enterpriseFieldLabels, username: '用户名', password: '密码', reason: '理由', findings: '发现的问题', reasons: '未通过原因', verdict: '验收结论', unit: '执行单位', person: '执行人', date: '日期', state: '完成情况' };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The problem document (RFC 9457) for an error id, for answers written outside Fastify's reply (tus uploads). */
export function problemDocument(code: ErrorCode, detail?: string, errors?: FieldError[], status?: number, extra?: Record<string, unknown>) {
  const [defaultStatus, title] = problemTitle(code);
  return { type: problemType(code), title, status: status ?? defaultStatus, code, detail: detail ?? title, ...(errors ? { errors } : {}), ...extra };
}

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail?: string,
  errors?: FieldError[],
  status?: number,
  extra?: Record<string, unknown>,
): FastifyReply {
  const doc = problemDocument(code, detail, errors, status, extra);
  return reply.status(doc.status).type(PROBLEM_CONTENT_TYPE).send(doc);
}

function describeFields(errors: FieldError[]): string {
  return errors
    .slice(0, 5)
    .map((e) => {
      const key = e.path.split('.').pop() ?? '';
      const label = FIELD_LABELS[key];
      return label ? `${label}：${e.message}` : e.path ? `${e.path}：${e.message}` : e.message;
    })
    .join('；');
}

export function fieldErrorsFromValidation(validation: { instancePath: string; message?: string }[], context?: string): FieldError[] {
  return validation.map((v) => {
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    return { path: context && context !== 'body' ? (path ? `${context}.${path}` : context) : path, message: v.message ?? '取值不正确' };
  });
}

const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', '提交的内容超过大小限制'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', '请以 JSON（application/json）格式提交'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['validation_failed', '请求体为空，请提交 JSON 内容'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['validation_failed', '请求体不是有效的 JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['validation_failed', '请求长度不正确'],
};

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) return sendProblem(reply, error.code, error.detail, error.errors, undefined, error.extra);
    if (hasZodFastifySchemaValidationErrors(error)) {
      // A path id of digits that no record can have (0, or past what the databases hold:
      // domain/params.ts) names nothing: the same 404 as an id that is not there.
      const context = (error as { validationContext?: string }).validationContext;
      if (context === 'params' && error.validation.every((v) => v.keyword === 'too_big' || v.keyword === 'too_small')) return sendProblem(reply, 'not_found', notFound().detail);
      const errors = fieldErrorsFromValidation(error.validation, context);
      return sendProblem(reply, 'validation_failed', describeFields(errors), errors);
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendProblem(reply, mapped[0], mapped[1]);
    if (error instanceof SyntaxError || (error.statusCode === 400 && !error.code)) return sendProblem(reply, 'validation_failed', '请求体不是有效的 JSON');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error');
      return sendProblem(reply, 'validation_failed', '请求有误', undefined, error.statusCode);
    }
    request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    return sendProblem(reply, 'internal', `请稍后重试；如问题持续，请联系管理员并提供编号 ${request.id}`);
  });
}

export { describeFields };
