// 群众举报 (PRODUCT.md §3.5, issue 16 §5–6): the public portal's requests and answers — nothing in them
// tells the public anything about other tips or about workshops — and the staff's triage, answer and
// set-aside. Request schemas and DTOs.
import { calendarDate, timestamp } from './api.js';
import { phoneSchema } from './enterprise.js';
import { entityId, idText, isoDate, pageFields, text } from './params.js';
import { todayInChina } from './time.js';
import { TIP_STATUSES } from './workflows/tip.js';
import { z } from './zod.js';

export { TIP_STATUSES, type TipStatus } from './workflows/tip.js';

/** 土小企业 (a polluting workshop), or 收取管理费用 (someone collects fees from workshops: a disciplinary clue). */
export const TIP_KINDS = ['workshop', 'fee'] as const;
export type TipKind = (typeof TIP_KINDS)[number];

/** Receipt codes: 12 characters of an alphabet without look-alikes, shown in groups of four. */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const RECEIPT_PATTERN = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{12}$/;

/** A receipt code as typed: spaces, dashes and lower case forgiven. */
export function normaliseReceipt(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export const formatReceipt = (code: string): string => code.replace(/(.{4})(?=.)/g, '$1-');

const coordinate = (min: number, max: number, what: string) =>
  z.number({ error: `${what}应为数字` }).min(min, { error: `${what}超出范围` }).max(max, { error: `${what}超出范围` });

export const tipChallengeDto = z
  .object({
    challenge: z.string().meta({ description: '挑战串（一次有效）' }),
    difficulty: z.number().int().meta({ description: '须满足的前导零比特数：SHA-256("challenge:nonce") 以这么多个 0 比特开头' }),
    expiresAt: timestamp,
  })
  .meta({ id: 'TipChallenge', description: '提交举报前的工作量证明挑战（代替验证码）' });
export type TipChallengeDto = z.infer<typeof tipChallengeDto>;

export const tipSubmitSchema = z
  .strictObject({
    challenge: z.string({ error: '缺少挑战串，请刷新页面后重试' }).min(16, { error: '挑战串无效，请刷新页面后重试' }).max(64, { error: '挑战串无效，请刷新页面后重试' }),
    nonce: z.string({ error: '缺少工作量证明，请刷新页面后重试' }).min(1, { error: '缺少工作量证明，请刷新页面后重试' }).max(32, { error: '工作量证明无效' }),
    kind: z.enum(TIP_KINDS, { error: '请选择举报类型' }),
    description: text(2000).min(5, { error: '请描述看到的情况（至少 5 个字）' }),
    address: text(200).prefault(''),
    lat: coordinate(-90, 90, '纬度').nullable().prefault(null),
    lng: coordinate(-180, 180, '经度').nullable().prefault(null),
    townId: entityId.nullable().prefault(null).meta({ description: '所在镇街（知道时选择；举报收取管理费用时必选）' }),
    anonymous: z.boolean({ error: '请选择是否匿名' }).prefault(true),
    contactName: text(50).prefault(''),
    contactPhone: phoneSchema.prefault(''),
  })
  .superRefine((v, ctx) => {
    if ((v.lat === null) !== (v.lng === null)) ctx.addIssue({ code: 'custom', path: ['lat'], message: '经度和纬度须同时提供' });
    if (v.lat === null && v.address.length < 2) ctx.addIssue({ code: 'custom', path: ['address'], message: '请填写地点，或使用“获取当前位置”' });
    if (v.kind === 'fee' && v.townId === null) ctx.addIssue({ code: 'custom', path: ['townId'], message: '请选择所在镇街' });
    if (!v.anonymous && v.contactPhone === '' && v.contactName === '') ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: '不匿名时请留下姓名或电话，或选择匿名' });
  });
export type TipSubmit = z.output<typeof tipSubmitSchema>;
export type TipSubmitInput = z.input<typeof tipSubmitSchema>;

export const tipReceiptDto = z
  .object({ receipt: z.string().meta({ description: '回执码（12 位，只显示这一次；凭它查询办理情况）' }), submittedAt: timestamp })
  .meta({ id: 'TipReceipt', description: '举报已收到' });
export type TipReceiptDto = z.infer<typeof tipReceiptDto>;

export const tipFileReceiptDto = z
  .object({ received: z.boolean(), duplicate: z.boolean().meta({ description: '同一文件已提交过，未重复保存' }) })
  .meta({ id: 'TipFileReceipt', description: '照片或视频已收到' });
export type TipFileReceiptDto = z.infer<typeof tipFileReceiptDto>;

export const receiptParams = z.strictObject({
  receipt: z
    .string()
    .transform(normaliseReceipt)
    .refine((s) => RECEIPT_PATTERN.test(s), { error: '回执码应为 12 位字母和数字' }),
});

/** What the tipster sees: the tip's own progress and the public answer, nothing else. */
export const tipPublicStatusDto = z
  .object({
    kind: z.enum(TIP_KINDS),
    status: z.enum([...TIP_STATUSES, 'forwarded']).meta({ description: 'received 已受理、assigned 已交办核查、answered 已答复、dismissed 不予受理、forwarded 已转纪检监察机关' }),
    submittedOn: calendarDate,
    answer: z.string().meta({ description: '答复（已答复或不予受理时），否则为空' }),
    answeredOn: calendarDate.nullable(),
  })
  .meta({ id: 'TipPublicStatus', description: '举报的办理情况' });
export type TipPublicStatusDto = z.infer<typeof tipPublicStatusDto>;

export const publicTownsDto = z
  .object({ towns: z.array(z.object({ id: z.number().int(), name: z.string() })) })
  .meta({ id: 'PublicTowns', description: '本区的镇街（举报时选择）' });
export type PublicTownsDto = z.infer<typeof publicTownsDto>;

// ---- Staff ------------------------------------------------------------------------------------

export const tipQuerySchema = z.strictObject({
  status: z.enum(TIP_STATUSES, { error: '状态不正确' }).optional(),
  town: idText('镇街').optional(),
  ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }),
});

export const tipAssignSchema = z.strictObject({
  version: z.int({ error: '缺少版本号，请刷新后重试' }).min(1),
  townId: entityId,
  dueOn: isoDate.refine((d) => d >= todayInChina(), { error: '核查期限不能早于今天' }),
  note: text(1000).prefault(''),
});
export type TipAssign = z.output<typeof tipAssignSchema>;

export const TIP_VERDICTS = ['confirmed', 'unfounded'] as const;
export type TipVerdict = (typeof TIP_VERDICTS)[number];

export const tipAnswerSchema = z.strictObject({
  version: z.int({ error: '缺少版本号，请刷新后重试' }).min(1),
  verdict: z.enum(TIP_VERDICTS, { error: '请选择核查结果' }),
  publicAnswer: text(1000).min(5, { error: '请填写给举报人的答复（至少 5 个字）' }),
  internalNote: text(2000).prefault(''),
  enterpriseIds: z.array(entityId).max(20, { error: '最多关联 20 家企业' }).prefault([]).meta({ description: '举报所涉的企业（台账中的）' }),
});
export type TipAnswer = z.output<typeof tipAnswerSchema>;

export const tipDismissSchema = z.strictObject({
  version: z.int({ error: '缺少版本号，请刷新后重试' }).min(1),
  publicAnswer: text(1000).min(5, { error: '请填写给举报人的说明（至少 5 个字）' }),
});
export type TipDismiss = z.output<typeof tipDismissSchema>;

const workshopRef = z.object({ id: z.number().int(), name: z.string(), status: z.string(), townName: z.string(), distanceM: z.number().int().nullable() });

export const tipDto = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    status: z.enum(TIP_STATUSES),
    description: z.string(),
    address: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    anonymous: z.boolean(),
    contactName: z.string().meta({ description: '举报人姓名（匿名时为空）' }),
    contactPhone: z.string(),
    submittedAt: timestamp,
    town: z.object({ id: z.number().int(), name: z.string() }).nullable().meta({ description: '交办的镇街' }),
    suggestedTown: z.object({ id: z.number().int(), name: z.string() }).nullable().meta({ description: '按位置建议的镇街（最近的已登记企业所在镇街），或举报人所选' }),
    dueOn: calendarDate.nullable(),
    overdue: z.boolean(),
    assignNote: z.string(),
    verdict: z.enum(TIP_VERDICTS).nullable(),
    publicAnswer: z.string(),
    internalNote: z.string(),
    answeredAt: timestamp.nullable(),
    answeredBy: z.string(),
    enterprises: z.array(workshopRef).meta({ description: '关联的企业' }),
    nearby: z.array(workshopRef).meta({ description: '位置附近（1 公里内）的已登记企业，近的在前（详情）' }),
    abilities: z.object({ assign: z.boolean(), answer: z.boolean(), dismiss: z.boolean() }),
  })
  .meta({ id: 'Tip', description: '一条群众举报' });
export type TipDto = z.infer<typeof tipDto>;

export const tipListDto = z.object({ items: z.array(tipDto), total: z.number().int() }).meta({ id: 'Tips', description: '群众举报，最新的在前' });
export type TipListDto = z.infer<typeof tipListDto>;
