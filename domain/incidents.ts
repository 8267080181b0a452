// 阻碍执法事件 (notice 三（二）: 对无理取闹甚至采用暴力手段阻碍执法的，依法追究其法律责任; issue 14): an
// obstruction during enforcement, recorded against the workshop (and the joint operation, if any) by
// the police or the town: what happened, who, injuries or damage, evidence (the workshop's files),
// the police case number and the outcome, which the police fill in later. Seen by the police, the
// town concerned and the office. Request schemas and DTOs.
import { calendarDate, timestamp } from './api.js';
import { entityId, idText, isoDate, pageFields, text, versionField } from './params.js';
import { todayInChina } from './time.js';
import { z } from './zod.js';

export const INCIDENT_KINDS = ['disturbance', 'violence'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export { incidentKindLabels } from './i18n/labels.zh-CN.js';

const LONG = 2000;
const SHORT = 500;

export const incidentCreateSchema = z.strictObject({
  occurredOn: isoDate.refine((d) => d <= todayInChina(), { error: '发生日期不能晚于今天' }),
  kind: z.enum(INCIDENT_KINDS, { error: '请选择“无理取闹”或“暴力阻碍执法”' }),
  description: text(LONG).min(2, { error: '请写明经过' }),
  persons: text(SHORT).default('').meta({ description: '涉事人员' }),
  injuries: text(SHORT).default('').meta({ description: '人员受伤情况' }),
  damage: text(SHORT).default('').meta({ description: '财物损坏情况' }),
  caseNumber: text(50).default('').meta({ description: '公安案件编号' }),
  outcome: text(LONG).default('').meta({ description: '处理结果' }),
  operationId: entityId.nullable().default(null).meta({ description: '所在的联合执法（可不填）' }),
  evidenceIds: z.array(entityId).max(50, { error: '最多关联 50 个影像文件' }).default([]).meta({ description: '该企业已上传的影像文件编号（证据）' }),
});
export type IncidentCreate = z.output<typeof incidentCreateSchema>;

/** PATCH /api/incidents/:id — the police add the case number and the outcome. */
export const incidentUpdateSchema = z.strictObject({
  version: versionField,
  caseNumber: text(50).optional(),
  outcome: text(LONG).optional(),
});
export type IncidentUpdate = z.output<typeof incidentUpdateSchema>;

export const incidentQuerySchema = z.strictObject({ town: idText('镇街').optional(), ...pageFields({ maxPageSize: 100, defaultPageSize: 20 }) });

export const incidentDto = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    enterprise: z.object({ id: z.number().int(), name: z.string(), townName: z.string(), villageName: z.string().nullable() }),
    operationId: z.number().int().nullable(),
    occurredOn: calendarDate,
    kind: z.enum(INCIDENT_KINDS).meta({ description: 'disturbance 无理取闹、violence 暴力阻碍执法' }),
    description: z.string(),
    persons: z.string(),
    injuries: z.string(),
    damage: z.string(),
    caseNumber: z.string(),
    outcome: z.string(),
    evidenceIds: z.array(z.number().int()),
    recordedBy: z.string(),
    recordedUnit: z.string(),
    recordedAt: timestamp,
    abilities: z.object({ update: z.boolean() }).meta({ description: '当前用户可补充案件编号和处理结果' }),
  })
  .meta({ id: 'Incident', description: '一起阻碍执法事件' });
export type IncidentDto = z.infer<typeof incidentDto>;

export const incidentListDto = z
  .object({ items: z.array(incidentDto), total: z.number().int(), canRecord: z.boolean().meta({ description: '当前用户可为该企业记录事件（企业的列表）' }) })
  .meta({ id: 'Incidents', description: '阻碍执法事件，最新的在前' });
export type IncidentListDto = z.infer<typeof incidentListDto>;
