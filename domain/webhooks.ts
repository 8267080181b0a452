// Group-robot webhooks (issue 17 §3): a unit's 企业微信 or 钉钉 group robot that receives the unit's
// reminders as one markdown message per sweep. The robot's URL carries its key (企业微信 `key=`, 钉钉
// `access_token=`) and is a secret like the 钉钉 加签 secret: both are written, never answered — the
// API shows a masked URL and whether a secret is kept.
//
// A URL must be https. Plain http is taken only for 127.0.0.1 / localhost, so that the tests (and a
// relay on the server itself) can use a local receiver.
import { idField, text } from './params.js';
import { z } from './zod.js';

export const WEBHOOK_PLATFORMS = ['wecom', 'dingtalk'] as const;
export type WebhookPlatform = (typeof WEBHOOK_PLATFORMS)[number];

/** A delivery's outcome: delivered (errcode 0), refused by the robot (not retried), failed (network, timeout, 5xx, rate limit: retried). */
export const WEBHOOK_STATUSES = ['ok', 'refused', 'failed'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

/** The kinds of unit a robot belongs to: the district (the office), a town, a department. */
export const WEBHOOK_UNIT_KINDS = ['district', 'town', 'department'] as const;
export type WebhookUnitKind = (typeof WEBHOOK_UNIT_KINDS)[number];

/** Hosts that may be reached over plain http (a local receiver). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether `raw` is an address a robot may have: https, or http on this machine only. */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '请粘贴机器人的完整 Webhook 地址（以 https:// 开头）';
  }
  if (url.protocol === 'https:') return url.username || url.password ? 'Webhook 地址不能包含用户名或密码' : null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return 'Webhook 地址必须以 https:// 开头';
}

const webhookUrl = z
  .string({ error: '请粘贴机器人的 Webhook 地址' })
  .trim()
  .min(1, { error: '请粘贴机器人的 Webhook 地址' })
  .max(1000, { error: 'Webhook 地址不能超过 1000 个字符' })
  .superRefine((v, ctx) => {
    const problem = webhookUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const webhookSecret = z
  .string({ error: '加签密钥应为文字' })
  .trim()
  .min(1, { error: '加签密钥不能为空' })
  .max(200, { error: '加签密钥不能超过 200 个字符' });

const webhookName = text(50).min(1, { error: '请填写机器人名称（如“某镇取缔工作群”）' });

/**
 * The URL as the API shows it: scheme, host and the start of the path; every query value (the key,
 * the token, a signature) replaced by ****. Never the URL itself.
 */
export function maskWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '****';
  }
  const path = url.pathname.length > 24 ? `${url.pathname.slice(0, 20)}…` : url.pathname;
  const names = [...new Set([...url.searchParams.keys()])];
  return `${url.protocol}//${url.host}${path}${names.length ? `?${names.map((n) => `${encodeURIComponent(n)}=****`).join('&')}` : ''}`;
}

export const webhookCreateSchema = z
  .strictObject({
    orgUnitId: idField('单位').optional().meta({ description: '区（领导小组办公室）或镇街的编号；与 departmentId 二选一' }),
    departmentId: idField('部门').optional().meta({ description: '职能部门的编号；与 orgUnitId 二选一' }),
    platform: z.enum(WEBHOOK_PLATFORMS, { error: '平台只能是企业微信（wecom）或钉钉（dingtalk）' }),
    name: webhookName,
    remark: text(200).optional(),
    url: webhookUrl,
    secret: webhookSecret.optional().meta({ description: '钉钉加签密钥（SEC 开头）；企业微信不用' }),
    enabled: z.boolean({ error: '启用应为 true 或 false' }).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.orgUnitId === undefined) === (v.departmentId === undefined))
      ctx.addIssue({ code: 'custom', path: ['orgUnitId'], message: '请选择机器人所属的单位（区、镇街或部门，只选一个）' });
    if (v.secret !== undefined && v.platform !== 'dingtalk') ctx.addIssue({ code: 'custom', path: ['secret'], message: '只有钉钉机器人使用加签密钥' });
  });
export type WebhookCreate = z.infer<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z.strictObject({
  name: webhookName.optional(),
  remark: text(200).optional(),
  url: webhookUrl.optional().meta({ description: '新的 Webhook 地址；不填则不变' }),
  secret: webhookSecret.nullable().optional().meta({ description: '新的加签密钥；null 清除；不填则不变' }),
  enabled: z.boolean({ error: '启用应为 true 或 false' }).optional(),
});
export type WebhookUpdate = z.infer<typeof webhookUpdateSchema>;

export const webhookDto = z
  .object({
    id: z.number().int(),
    unit: z.object({ kind: z.enum(WEBHOOK_UNIT_KINDS), id: z.number().int(), name: z.string() }),
    platform: z.enum(WEBHOOK_PLATFORMS),
    name: z.string(),
    remark: z.string(),
    maskedUrl: z.string().meta({ description: '打码的地址（协议、主机、路径开头；key/token 显示为 ****）；完整地址从不返回' }),
    hasSecret: z.boolean().meta({ description: '是否保存了钉钉加签密钥（密钥从不返回）' }),
    enabled: z.boolean(),
    lastStatus: z.enum(WEBHOOK_STATUSES).nullable().meta({ description: '最近一次推送：ok 成功，refused 被机器人拒收（不重试），failed 网络或服务器错误（自动重试）' }),
    lastAt: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Webhook', description: '单位的群机器人（企业微信或钉钉），接收该单位的到期提醒' });
export type WebhookDto = z.infer<typeof webhookDto>;

export const webhookUnitDto = z.object({ kind: z.enum(WEBHOOK_UNIT_KINDS), id: z.number().int(), name: z.string() });
export type WebhookUnitDto = z.infer<typeof webhookUnitDto>;

export const webhookListDto = z
  .object({
    items: z.array(webhookDto),
    units: z.array(webhookUnitDto).meta({ description: '当前用户可为之配置机器人的单位' }),
  })
  .meta({ id: 'WebhookList', description: '当前用户可管理的群机器人，及可配置的单位' });
export type WebhookListDto = z.infer<typeof webhookListDto>;

export const webhookTestResultDto = z
  .object({ ok: z.boolean(), status: z.enum(WEBHOOK_STATUSES), error: z.string().nullable() })
  .meta({ id: 'WebhookTestResult', description: '测试消息的推送结果' });
export type WebhookTestResultDto = z.infer<typeof webhookTestResultDto>;

/** One message to a robot: a title, markdown lines, an optional link (a job's data). */
export const webhookMessageSchema = z.object({
  title: z.string().min(1),
  lines: z.array(z.string()),
  link: z.string().optional(),
});
export type WebhookMessage = z.infer<typeof webhookMessageSchema>;

/** A robot's job: which robot, what to send. */
export const webhookJobSchema = z.object({ robotId: z.number().int(), message: webhookMessageSchema });
export type WebhookJob = z.infer<typeof webhookJobSchema>;

/** Notices listed in one pushed message at most (the rest counted). */
export const WEBHOOK_LIST_CAP = 20;
