// The API as a published contract: its version, the tags that group its operations by the
// campaign's stages, and the introduction /api/docs shows. The schemas themselves live beside
// their features in domain/; the server declares them on every route (server/plugins/contract.ts).
import { z } from './zod.js';

/**
 * The API's version (semantic versioning), in the OpenAPI document's info.version. A breaking
 * change raises the major number; README.md, “接口变更记录”, says what counts as breaking.
 */
export const API_VERSION = '1.10.0';

/** Operation tags in the order /api/docs lists them: the campaign's stages (通知 §二), then the rest. */
export const TAGS = {
  auth: { name: '登录与当前用户', description: '登录、退出、当前用户的角色与可做的操作（abilities）。' },
  register: { name: '一、调查摸底 · 企业台账', description: '土小企业台账（一企一档）：登记、查询、修改、重复提醒、变更记录、排除。' },
  imports: { name: '一、调查摸底 · 导入任务表', description: '上传镇街已有的任务表（附件2，.xlsx 或 .csv）→ 预览检查 → 逐行确认疑似重复 → 确认导入。' },
  reports: { name: '一、调查摸底 · 任务表上报', description: '5月10日前经镇街主要负责人签字后上报领导小组办公室：提交、签字、各镇街上报情况。' },
  mobilisation: { name: '一、宣传发动', description: '镇街领导机构成员与宣传发动记录（会议、宣传车、媒体）。' },
  selfInspection: { name: '一、自查自纠', description: '土政策清理与党员干部参与、提供便利的违纪线索（线索对提交人不可见）。' },
  shutdown: { name: '二、集中取缔 · 取缔标准项', description: '按行动定义中的取缔标准逐项记录：执行单位、执行人、日期，或不适用的理由。' },
  departmentRequests: {
    name: '二、集中取缔 · 部门协办',
    description: '镇街（或领导小组办公室）请承办部门办理企业中由部门执行的取缔标准项；承办部门受理或退回、排期、上传影像后确认完成，确认即记录该项完成。部门看到本部门的请求队列。',
  },
  jointOperations: {
    name: '二、集中取缔 · 联合执法',
    description: '镇街无法单独取缔的企业，申请区联合执法：办公室批准（组建执法组、确定日期和镇街提供的机械）、退回修改或不予批准；行动中逐个清理、记录各企业结果；作业单（.docx）。',
  },
  incidents: {
    name: '二、集中取缔 · 阻碍执法事件',
    description: '执法中无理取闹、暴力阻碍执法的事件：经过、涉事人员、伤情与损失、证据（该企业的影像）、公安案件编号与处理结果。仅公安、所在镇街和办公室可见。',
  },
  cases: {
    name: '二、集中取缔 · 违法案件与移交',
    description: '环保、市场监管、国土、电力执法等部门依法调查取证、处罚：违法事实与实体取证（该企业的影像）、行政处罚决定（文号、金额、日期、执行状态）；涉嫌环境污染犯罪移交公安、违纪问题移交纪检（按违纪线索的规定，仅纪检和办公室主任可见），接收单位签收。',
  },
  interceptions: {
    name: '二、集中取缔 · 运输车辆查处',
    description: '交通运输、交警查处向我区转移废旧塑料、纸浆、垃圾等生产原料的运输车辆：车牌、车型、货物、数量、来源与目的地、处理措施；按目的地镇街、按周统计。',
  },
  evidence: { name: '二、集中取缔 · 影像记录', description: '全程影像记录：照片、视频以 tus 协议断点续传上传；证据文件、缩略图、签名证据包。' },
  acceptance: { name: '三、验收', description: '验收组对每家企业作出验收结论（通过或不通过并说明原因）；按比例从各镇街已取缔的企业中随机抽取现场检查的企业（种子由系统生成并公布，任何人可复核），发布给镇街。' },
  supervision: { name: '四、长效监管', description: '监管责任人（镇街主管领导、监管责任人，企业的村居监管责任人）；按期巡查已取缔的企业，发现恢复生产即确认反弹（死灰复燃）并重新取缔。' },
  tips: { name: '四、长效监管 · 群众举报', description: '公众无需登录即可举报（工作量证明代替验证码，按地址和设备限频），凭回执码查询办理情况；办公室交办镇街，镇街核查答复并关联企业；举报收取管理费用的转为违纪线索。' },
  remarks: { name: '帮包意见与督办', description: '帮包部门（及领导小组办公室）对所联系镇街企业提出意见、督办；镇街答复督办；待答复的督办列入镇街的待办。' },
  accountability: { name: '约谈与问责', description: '督办之后：领导小组办公室约谈责任人（安排、记录约谈情况），纪检监察和办公室主任记录问责（通报批评、诫勉谈话、组织处理、移送纪检）；问责清单按企业登记的村居、镇街、部门责任人和镇街监管责任人统计逾期未完成的取缔标准项、验收未通过、反弹、逾期未答复的督办和逾期的部门协办。镇街主要负责人可看本镇街的记录。' },
  notifications: { name: '通知与提醒', description: '站内通知：到期前一天提醒办理人，逾期后提醒办理人和上一级（部门协办逾期告知提出请求的镇街，举报核查逾期告知办公室）；未读数显示在页头。' },
  webhooks: { name: '通知与提醒 · 群机器人', description: '镇街、部门和领导小组办公室的企业微信或钉钉群机器人：本单位的新到期提醒和逾期督促每分钟汇总为一条消息推送到群；地址和加签密钥只写不读（显示打码的地址）；可立即发送测试消息。' },
  overview: { name: '进度统计与导出', description: '各镇街进度统计，附件1–3 等 Excel 表格导出。' },
  organisation: { name: '组织机构、部门与用户', description: '区、镇街、村居，职能部门及职责，当前取缔行动，用户管理。' },
  system: { name: '系统', description: '健康检查、审计链校验、证据包签名公钥。' },
} as const;
export type TagKey = keyof typeof TAGS;

/** The introduction at the top of /api/docs (Markdown). */
export const API_INTRODUCTION = [
  '土小企业集中取缔行动管理平台（取缔）的接口。区、镇街、村居、职能部门、领导小组办公室、验收组、纪检监察各自通过这些接口完成各自的工作；每个用户只能看到和修改其管辖范围内的数据。',
  '',
  '**登录**：`POST /api/auth/login` 设置 `qudi_session` Cookie，之后的请求带上它。',
  '',
  '**错误**：所有错误都以 `application/problem+json`（RFC 9457）返回，`code` 为稳定的错误编号，客户端据此判断，`detail` 为可直接显示的中文说明，`errors` 列出逐字段的问题（字段路径 `path`）。范围外的记录与不存在的记录一样答复 404。',
  '',
  '| code | 状态码 | 含义 |',
  '|---|---|---|',
  // filled in by the server from domain/problems.ts
].join('\n');

/**
 * A file download: its media type and a description of what the file is. The body is the file's
 * bytes (a stream or buffer the route sends as is), documented as a binary string.
 */
export function fileResponse(mediaType: string, description: string) {
  return { description, content: { [mediaType]: { schema: z.unknown().meta({ type: 'string', format: 'binary', description }) } } };
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ZIP = 'application/zip';

/** An answer without a body (204). */
export const noContent = z.null().meta({ description: '成功，无内容' });
