// 验收材料 (notice 二（三）: 各镇街及时将取缔情况形成书面材料和影像资料上报): a town's acceptance package —
// its written report (drafted from Qudi's records, edited by the town) and its image material (the
// current photos and videos of the workshops it names), frozen as a version with its hash, and signed
// by its principal; signed after the shutdown phase's end it is late (逾期). Schemas, DTOs, the deadline.
import { calendarDate, timestamp } from './api.js';
import type { CampaignDefinition } from './campaign.js';
import { entityId, text } from './params.js';
import { z } from './zod.js';

/** The day the package is due: the end of the phase whose items are due (集中取缔), when the acceptance begins. */
export function packageDue(def: CampaignDefinition): string | null {
  return def.phases.find((p) => p.itemsDue)?.end ?? null;
}

/** The most workshops listed, and image files named, in one package's frozen content. */
export const PACKAGE_WORKSHOPS_MAX = 5000;
export const PACKAGE_IMAGES_MAX = 2000;

/** POST /api/acceptance/towns/:townId/package — a new version of the package. */
export const packageSubmitSchema = z.strictObject({
  report: text(20000).min(20, { error: '书面材料至少 20 个字' }).meta({ description: '书面材料（取缔情况报告）' }),
  workshopIds: z
    .array(entityId)
    .max(PACKAGE_WORKSHOPS_MAX, { error: `最多选择 ${PACKAGE_WORKSHOPS_MAX} 家企业` })
    .refine((ids) => new Set(ids).size === ids.length, { error: '企业有重复' })
    .optional()
    .meta({ description: '影像资料取自这些企业的现有照片、视频；不给时为本镇街全部已取缔和验收通过的企业' }),
});
export type PackageSubmit = z.output<typeof packageSubmitSchema>;

/** POST /api/acceptance/packages/:id/sign — the principal confirms the content they checked, by its hash. */
export const packageSignSchema = z.strictObject({ contentSha256: z.string().regex(/^[0-9a-f]{64}$/, { error: '内容校验值不正确' }) });

export const PACKAGE_STATUSES = ['submitted', 'signed', 'superseded'] as const;

export const packageVersionDto = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    status: z.enum(PACKAGE_STATUSES).meta({ description: 'submitted 待主要负责人签字、signed 已签字、superseded 已被新版本取代' }),
    contentSha256: z.string(),
    workshopCount: z.number().int(),
    imageCount: z.number().int(),
    submittedBy: z.string(),
    submittedAt: timestamp,
    signedBy: z.string().nullable(),
    signedAt: timestamp.nullable(),
    late: z.boolean().meta({ description: '是否逾期签字' }),
    abilities: z.object({ sign: z.boolean() }),
  })
  .meta({ id: 'AcceptancePackageVersion', description: '镇街验收材料的一个报送版本' });
export type PackageVersionDto = z.infer<typeof packageVersionDto>;

export const packageOverviewDto = z
  .object({
    townId: z.number().int(),
    townName: z.string(),
    due: calendarDate.nullable().meta({ description: '报送截止日期（集中取缔阶段结束日）' }),
    versions: z.array(packageVersionDto).meta({ description: '各版本，新的在前' }),
    draft: z
      .object({
        report: z.string().meta({ description: '书面材料初稿：最新版本的，或按台账生成的' }),
        workshopCount: z.number().int().meta({ description: '默认取影像资料的企业数（已取缔和验收通过）' }),
      })
      .meta({ description: '报送新版本时的默认内容' }),
    abilities: z.object({ submit: z.boolean() }),
  })
  .meta({ id: 'AcceptancePackage', description: '镇街的验收材料' });
export type PackageOverviewDto = z.infer<typeof packageOverviewDto>;

export const packageContentSchema = z.object({
  town: z.string(),
  report: z.string(),
  statusCounts: z.record(z.string(), z.number().int()).meta({ description: '各状态企业数' }),
  itemCounts: z.array(z.object({ item: z.string(), name: z.string(), done: z.number().int(), notApplicable: z.number().int(), pending: z.number().int() })),
  workshops: z.array(z.object({ id: z.number().int(), name: z.string(), status: z.string(), location: z.string() })),
  workshopsTotal: z.number().int(),
  jointOperations: z.array(z.object({ id: z.number().int(), status: z.string(), operationOn: z.string().nullable(), workshops: z.number().int() })),
  cases: z.number().int(),
  images: z.array(z.object({ attachmentId: z.number().int(), enterpriseId: z.number().int(), workshop: z.string(), item: z.string().nullable(), name: z.string(), kind: z.string(), sha256: z.string(), capturedAt: z.string().nullable() })),
  imagesTotal: z.number().int(),
});
export type PackageContent = z.infer<typeof packageContentSchema>;

export const packageContentDto = z
  .object({ id: z.number().int(), version: z.number().int(), contentSha256: z.string(), content: packageContentSchema })
  .meta({ id: 'AcceptancePackageContent', description: '验收材料一个版本的冻结内容：书面材料、统计、企业名单、联合执法、案件数、影像资料清单（含 SHA-256）' });
export type PackageContentDto = z.infer<typeof packageContentDto>;
