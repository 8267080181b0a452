// The errors the API answers with, as part of its published contract: every error is an
// application/problem+json document (RFC 9457) whose `code` is one of these stable ids. Clients
// branch on `code` (never on the Chinese text, which may be reworded); `status` follows the code.
import { z } from './zod.js';

export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'possible_duplicate',
  'stale_version',
  'invalid_transition',
  'evidence_required',
  'upload_expired',
  'precondition_failed',
  'payload_too_large',
  'range_not_satisfiable',
  'unsupported_media_type',
  'rate_limited',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ProblemKind {
  status: number;
  /** The problem's `title`: the same for every answer with this code. */
  title: string;
  /** What it means and what a client does about it (the published documentation). */
  meaning: string;
  /** A real answer of this kind, as the server sends it (the document's example). */
  example: { detail: string; errors?: FieldError[] } & Record<string, unknown>;
}

export interface FieldError {
  path: string;
  message: string;
}

export const PROBLEMS: Record<ErrorCode, ProblemKind> = {
  validation_failed: {
    status: 400,
    title: '提交的内容有误',
    meaning: '请求的参数、查询或请求体不符合要求：未知字段、类型不对、超出长度、缺少必填项等。errors 逐项列出字段路径（path，如 phone、items.0.code、query.pageSize）和中文说明；什么也没有写入。',
    example: { detail: '联系电话：电话号码格式不正确', errors: [{ path: 'phone', message: '电话号码格式不正确' }] },
  },
  unauthenticated: {
    status: 401,
    title: '请先登录',
    meaning: '没有登录或会话已过期：先调用 POST /api/auth/login，之后的请求带上它设置的 qudi_session Cookie。',
    example: { detail: '请先登录' },
  },
  forbidden: {
    status: 403,
    title: '无权执行此操作',
    meaning: '记录在您的管辖范围内，但您的角色不能执行此操作（例如村居不能作验收结论）。',
    example: { detail: '您的角色无权执行此操作' },
  },
  not_found: {
    status: 404,
    title: '未找到',
    meaning: '记录不存在，或不在您的管辖范围内：两种情况答复相同，不透露范围外的记录是否存在。',
    example: { detail: '请求的记录不存在或不在您的管辖范围内' },
  },
  conflict: {
    status: 409,
    title: '与现有数据冲突',
    meaning: '请求与现有数据冲突（例如重复导入同一文件、名称已被使用）；detail 说明原因，按提示处理后再提交。',
    example: { detail: '该文件已确认导入，不能重复导入' },
  },
  possible_duplicate: {
    status: 409,
    title: '可能与已登记企业重复',
    meaning: '新登记的企业与台账中已有企业电话相同、名称相似或相距很近；duplicates 列出这些企业。核实不是同一场所后，在请求体的 confirmedDistinctFrom 中列出它们的 id 再提交。',
    example: {
      detail: '可能与已登记的 1 家企业重复：李某某塑料颗粒加工点',
      duplicates: [{ id: 12, name: '李某某塑料颗粒加工点', townId: 3, townName: '某镇', villageName: '某村', address: '某镇某村村东', phone: '13696602106', status: 'surveyed', reasons: [{ kind: 'phone' }] }],
    },
  },
  stale_version: {
    status: 409,
    title: '数据已被他人修改',
    meaning: '提交所依据的版本（version）已不是最新：重新读取记录，在最新内容上修改后再提交。',
    example: { detail: '该企业信息已被他人修改，请刷新后重新编辑（您的修改未保存）' },
  },
  invalid_transition: {
    status: 409,
    title: '当前状态不允许此操作',
    meaning: '记录当前的状态不允许这一步（例如已验收通过的企业不能再修改取缔标准项）；detail 说明当前状态。',
    example: { detail: '该企业当前状态为“验收通过”，取缔标准项不能再修改' },
  },
  evidence_required: {
    status: 409,
    title: '缺少现场影像资料',
    meaning: '标记“已完成”之前需先上传足够的现场照片或视频（全程影像记录）；evidenceMin 为需要的份数，evidenceCount 为已有的份数。',
    example: { detail: '请先上传至少 1 张现场照片或视频，再将“某标准项”标记为完成（全程影像记录）', itemCode: 'item_code', evidenceMin: 1, evidenceCount: 0 },
  },
  upload_expired: {
    status: 410,
    title: '上传已过期',
    meaning: '证据文件的上传（tus）超过保留期限仍未完成（未完成的上传保留 24 小时），已被清除：请重新上传整个文件。',
    example: { detail: '上传已过期（未完成的上传保留 24 小时），请重新上传' },
  },
  precondition_failed: {
    status: 412,
    title: '协议版本不符',
    meaning: '证据文件上传须使用 tus 1.0.0 协议：请求头缺少 Tus-Resumable: 1.0.0 或版本不受支持。',
    example: { detail: '请使用 tus 1.0.0 协议上传（缺少 Tus-Resumable 请求头）' },
  },
  payload_too_large: {
    status: 413,
    title: '提交的内容过大',
    meaning: '请求体或上传的文件超过上限；detail 给出上限。',
    example: { detail: '提交的内容超过大小限制' },
  },
  unsupported_media_type: {
    status: 415,
    title: '不支持的内容类型',
    meaning: '写操作须以 application/json 提交（上传任务表用 multipart/form-data，证据文件用 tus 协议）；证据文件类型不在允许之列时也答复此错误。',
    example: { detail: '请以 JSON（application/json）格式提交' },
  },
  range_not_satisfiable: {
    status: 416,
    title: '请求的范围超出文件',
    meaning: '分段读取（Range）的起点超出了文件大小；答复头 Content-Range 给出文件大小（bytes */大小），从头读取或按大小重新请求。',
    example: { detail: '请求的字节范围超出了文件大小（52340 字节）' },
  },
  rate_limited: {
    status: 429,
    title: '操作过于频繁',
    meaning: '同一账户或地址登录失败次数过多，或同一地址、设备提交举报、查询回执过于频繁，暂时不能再试；detail 给出等待时间。',
    example: { detail: '登录失败次数过多，请 15 分钟后再试' },
  },
  internal: {
    status: 500,
    title: '服务器内部错误',
    meaning: '服务器出错，什么也没有写入；可稍后重试。detail 中的编号便于管理员在日志中查找。',
    example: { detail: '请稍后重试；如问题持续，请联系管理员并提供编号 req-1f' },
  },
};

/** The problem document's `type`: a stable URI per code (not meant to be fetched). */
export const problemType = (code: ErrorCode) => `https://qudi.invalid/problems/${code}`;

export const fieldErrorSchema = z.object({
  path: z.string().meta({ description: '出错的字段路径，如 phone、items.0.code、query.pageSize；整体问题为空字符串' }),
  message: z.string().meta({ description: '该字段的中文说明' }),
});

/**
 * The problem document for answers with one of `codes` (all with the same status). Extension
 * members (RFC 9457 §3.2) some codes carry — duplicates, evidenceMin/evidenceCount, offset — are
 * allowed through.
 */
export function problemSchema(codes: readonly [ErrorCode, ...ErrorCode[]]) {
  const extensions = {
    ...(codes.includes('possible_duplicate') ? { duplicates: z.array(z.looseObject({ id: z.number(), name: z.string() })).optional().meta({ description: 'possible_duplicate：疑似重复的已登记企业' }) } : {}),
    ...(codes.includes('evidence_required')
      ? {
          itemCode: z.string().optional().meta({ description: 'evidence_required：取缔标准项代码' }),
          evidenceMin: z.number().int().optional().meta({ description: 'evidence_required：需要的影像份数' }),
          evidenceCount: z.number().int().optional().meta({ description: 'evidence_required：已有的影像份数' }),
        }
      : {}),
    ...(codes.includes('conflict') ? { offset: z.number().int().optional().meta({ description: '上传尚未完成时：服务器已收到的字节数，从此处续传' }) } : {}),
  };
  return z.looseObject({
    type: z.string().meta({ description: '问题类型的 URI，每个 code 一个，固定不变' }),
    title: z.string().meta({ description: '问题类型的中文标题' }),
    status: z.number().int().meta({ description: 'HTTP 状态码' }),
    code: z.enum(codes).meta({ description: '稳定的错误编号，客户端据此判断' }),
    detail: z.string().meta({ description: '这一次的中文说明，可直接显示给用户' }),
    errors: z.array(fieldErrorSchema).optional().meta({ description: '逐字段的问题（validation_failed 等）' }),
    ...extensions,
  });
}

/** A problem document as a client reads it (`code` as a string: a client also knows codes of its own, e.g. network). */
export interface ProblemDto {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldError[];
}

/** A real answer of kind `code`, as the document shows it. */
export function problemExample(code: ErrorCode): Record<string, unknown> {
  const kind = PROBLEMS[code];
  return { type: problemType(code), title: kind.title, status: kind.status, code, ...kind.example };
}
