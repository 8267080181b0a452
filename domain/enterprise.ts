// The workshop register (一企一档): one schema per route body and query, shared by the Fastify
// routes and the Ant Design forms.
import { z } from './zod.js';
import { entityId, idParams, isoDate, pageFields, text, unitRef, versionField } from './params.js';
import { normalizePhone } from './phone.js';
import { normalizePowerAccount } from './powerAccount.js';
import {
  DISCOVERY_SOURCES,
  ITEM_STATES,
  LICENCE_STATES,
  PRODUCTION_STATUSES,
  STATUSES,
} from './status.js';

const optionalText = (max: number) => text(max).default('');

export const phoneSchema = z
  .string()
  .max(40, { error: '电话号码过长' })
  .transform((v, ctx) => {
    if (v.trim() === '') return '';
    const phone = normalizePhone(v);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: '电话号码格式不正确：手机号为 11 位（1 开头），固定电话需带区号，如 0632-1234567' });
      return z.NEVER;
    }
    return phone;
  });

const id = entityId;

/** The register's fields, without defaults (a PATCH must not reset what it does not mention). */
const fields = {
  name: text(100).min(1, { error: '请填写企业名称' }),
  kind: z.string().min(1, { error: '请选择企业类型' }).max(40),
  townId: id,
  villageId: id.nullable(),
  address: text(200),
  lng: z.number().min(-180, { error: '经度应在 -180 到 180 之间' }).max(180, { error: '经度应在 -180 到 180 之间' }).nullable(),
  lat: z.number().min(-90, { error: '纬度应在 -90 到 90 之间' }).max(90, { error: '纬度应在 -90 到 90 之间' }).nullable(),
  contactPerson: text(50),
  phone: phoneSchema,
  powerSource: text(200),
  /** Stored half-width (typed on a phone's Chinese keyboard, digits may come full-width): found by the same-site search and the power list. */
  powerAccount: text(100).transform(normalizePowerAccount),
  waterSource: text(200),
  landType: text(100),
  landOwner: text(100),
  landLease: text(200),
  licenceBusiness: z.enum(LICENCE_STATES),
  licenceEia: z.enum(LICENCE_STATES),
  licenceLand: z.enum(LICENCE_STATES),
  productionStatus: z.enum(PRODUCTION_STATUSES),
  rawMaterials: text(500),
  notes: text(2000),
  discoverySource: z.enum(DISCOVERY_SOURCES),
  /** 附件3's three responsible persons. */
  villageHead: text(50),
  townHead: text(50),
  departmentHead: text(50),
};

export const enterpriseFieldsSchema = z.strictObject({
  ...fields,
  villageId: fields.villageId.default(null),
  address: fields.address.default(''),
  lng: fields.lng.default(null),
  lat: fields.lat.default(null),
  contactPerson: fields.contactPerson.default(''),
  phone: fields.phone.default(''),
  powerSource: fields.powerSource.default(''),
  powerAccount: fields.powerAccount.default(''),
  waterSource: fields.waterSource.default(''),
  landType: fields.landType.default(''),
  landOwner: fields.landOwner.default(''),
  landLease: fields.landLease.default(''),
  licenceBusiness: fields.licenceBusiness.default('unknown'),
  licenceEia: fields.licenceEia.default('unknown'),
  licenceLand: fields.licenceLand.default('unknown'),
  productionStatus: fields.productionStatus.default('producing'),
  rawMaterials: fields.rawMaterials.default(''),
  notes: fields.notes.default(''),
  discoverySource: fields.discoverySource.default('survey'),
  villageHead: fields.villageHead.default(''),
  townHead: fields.townHead.default(''),
  departmentHead: fields.departmentHead.default(''),
});

function bothOrNeither(v: { lng?: number | null; lat?: number | null }, ctx: z.RefinementCtx) {
  const hasLng = v.lng !== null && v.lng !== undefined;
  const hasLat = v.lat !== null && v.lat !== undefined;
  if (hasLng !== hasLat)
    ctx.addIssue({ code: 'custom', path: [hasLng ? 'lat' : 'lng'], message: '经度和纬度须同时填写' });
}

export const enterpriseCreateSchema = enterpriseFieldsSchema
  .extend({
    /** Ids of possible duplicates the user has confirmed to be different sites. */
    confirmedDistinctFrom: z.array(id).max(50).default([]),
  })
  .superRefine(bothOrNeither);
export type EnterpriseCreate = z.infer<typeof enterpriseCreateSchema>;
export type EnterpriseCreateInput = z.input<typeof enterpriseCreateSchema>;

/**
 * One row of an imported task table: the fields its sheet fills in (name, type and town always),
 * without defaults. The import stages only what the sheet says; on confirm the database gives the
 * other fields the defaults of enterpriseFieldsSchema (server/imports/stagedInput.ts).
 */
export const enterpriseImportRowSchema = z
  .strictObject(fields)
  .partial()
  .required({ name: true, kind: true, townId: true })
  .superRefine(bothOrNeither);
export type EnterpriseImportRow = z.infer<typeof enterpriseImportRowSchema>;

/** PATCH: any subset of the fields, plus the version the editor started from (optimistic locking). */
export const enterprisePatchSchema = z
  .strictObject(fields)
  .partial()
  .extend({ version: versionField })
  .superRefine(bothOrNeither);
export type EnterprisePatch = z.infer<typeof enterprisePatchSchema>;

/** `/api/enterprises/:id/items/:item` */
export const itemParams = idParams.extend({ item: z.string().max(40) });

export const ENTERPRISE_SORTS = ['id', 'name', 'updatedAt', 'status'] as const;

export const enterpriseListQuerySchema = z.strictObject({
  town: unitRef('镇街', 60).optional(),
  village: unitRef('村居', 60).optional(),
  status: z.enum(STATUSES, { error: '状态取值不正确' }).optional(),
  q: z.string().trim().max(50, { error: '搜索词不能超过 50 个字' }).optional(),
  /** Only workshops whose standard item with this code is still pending (a department's queue). */
  pendingItem: z.string().regex(/^[a-z][a-z0-9_-]*$/, { error: '取缔标准项代码不正确' }).max(40).optional(),
  /** `1`: only workshops on the task table without the location or phone 附件2 needs (登记信息不全). */
  incomplete: z.literal('1', { error: 'incomplete 只能为 1' }).optional(),
  ...pageFields(),
  sort: z.enum(ENTERPRISE_SORTS).default('id'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuerySchema>;

/** The notice's forms (GET /api/exports/*.xlsx): the list's filters without paging or sorting — an export is every matching row. */
export const exportQuerySchema = enterpriseListQuerySchema.omit({ page: true, pageSize: true, sort: true, order: true });

export const itemRecordSchema = z.discriminatedUnion(
  'state',
  [
    z.strictObject({
      state: z.literal('done'),
      unit: text(100).min(1, { error: '请填写执行单位' }),
      person: text(50).min(1, { error: '请填写执行人' }),
      date: isoDate,
      note: optionalText(1000),
    }),
    z.strictObject({
      state: z.literal('not_applicable'),
      reason: text(500).min(2, { error: '标记为不适用时须说明理由' }),
      unit: optionalText(100),
      person: optionalText(50),
      note: optionalText(1000),
    }),
  ],
  { error: '请选择“已完成”或“不适用”' },
);
export type ItemRecord = z.infer<typeof itemRecordSchema>;

export const VERDICT_REASONS = ['ineffective', 'concealment', 'incomplete'] as const;

export const verdictSchema = z.discriminatedUnion(
  'verdict',
  [
    z.strictObject({ verdict: z.literal('accepted'), findings: optionalText(2000) }),
    z.strictObject({
      verdict: z.literal('rejected'),
      reasons: z.array(z.enum(VERDICT_REASONS)).min(1, { error: '请至少选择一项未通过原因' }),
      findings: text(2000).min(2, { error: '验收未通过须写明发现的问题' }),
    }),
  ],
  { error: '请选择验收结论' },
);
export type Verdict = z.infer<typeof verdictSchema>;

export const reasonSchema = z.strictObject({ reason: text(500).min(2, { error: '请说明理由' }) });

export const ITEM_STATE_VALUES = ITEM_STATES;

/** A duplicate check before registering or editing: what the user has typed so far. */
export const duplicateCheckSchema = z.strictObject({
  name: text(100).min(1, { error: '请填写企业名称' }),
  phone: phoneSchema.default(''),
  lng: z.number().min(-180).max(180).nullable().default(null),
  lat: z.number().min(-90).max(90).nullable().default(null),
  excludeId: id.optional(),
  /** The town the workshop is in: names alike count only within one town (similarName). */
  townId: id.optional(),
});
