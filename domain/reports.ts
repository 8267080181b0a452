// Town reports (任务表报送, notice 二(一)): a town submits its 附件2 task table, frozen as a version;
// its principal signs it; the office sees who has reported, on time or late. The deadline rules,
// the routes' request schemas and the DTOs they answer with.
import type { CampaignDefinition, Phase } from './campaign.js';
import { calendarDate, timestamp } from './api.js';
import { idField } from './params.js';
import { todayInChina } from './time.js';
import { z } from './zod.js';

/** The phase whose deliverable is the signed task table: the one with a report deadline (报送日期). */
export function reportPhase(definition: CampaignDefinition): Phase | undefined {
  return definition.phases.find((p) => p.reportDue);
}

/** Whether `at` is after the day `due` (a China calendar date): a signature then is 逾期. */
export function pastDeadline(due: string | null, at: Date = new Date()): boolean {
  return due !== null && todayInChina(at) > due;
}

/**
 * DHIS2-style completeness and timeliness of one town's report: signed (on time or late); else
 * submitted and awaiting signature (past the deadline: overdue_unsigned); else nothing submitted
 * (past the deadline: overdue).
 */
export function reportState(live: object | null | undefined, signed: { late: boolean } | null | undefined, due: string | null, now: Date = new Date()): TownReportState {
  if (signed) return signed.late ? 'signed_late' : 'signed';
  const late = pastDeadline(due, now);
  if (live) return late ? 'overdue_unsigned' : 'submitted';
  return late ? 'overdue' : 'not_reported';
}

/** POST /api/reports */
export const reportSubmitSchema = z.strictObject({ townId: idField('镇街') });

/** POST /api/reports/:id/sign: the principal confirms the content they checked, by its hash. */
export const reportSignSchema = z.strictObject({ contentSha256: z.string().regex(/^[0-9a-f]{64}$/, { error: '内容校验值不正确' }) });

/** In the order of the office's summary: done first, then waiting for the principal, then nothing submitted. */
export const TOWN_REPORT_STATES = ['signed', 'signed_late', 'submitted', 'overdue_unsigned', 'overdue', 'not_reported'] as const;
export type TownReportState = (typeof TOWN_REPORT_STATES)[number];
export const townReportStateSchema = z.enum(TOWN_REPORT_STATES).meta({
  id: 'TownReportState',
  description:
    '镇街的报送情况：signed 已签字报送、signed_late 逾期签字、submitted 已报送待签字、overdue_unsigned 已报送但逾期未签字、overdue 逾期未报送、not_reported 未报送（未到截止日期）',
});

export const REPORT_STATUSES = ['submitted', 'signed', 'superseded'] as const;

export const townReportDto = z
  .object({
    id: z.number().int(),
    townId: z.number().int(),
    townName: z.string(),
    phase: z.string().meta({ description: '阶段代码' }),
    version: z.number().int().meta({ description: '版本号（从 1 起）' }),
    status: z.enum(REPORT_STATUSES).meta({ description: '版本状态：submitted 待签字、signed 已签字、superseded 已被新版本取代' }),
    contentSha256: z.string().meta({ description: '冻结内容的 SHA-256；签字时回传' }),
    rowCount: z.number().int().meta({ description: '任务表行数' }),
    dueDate: calendarDate.nullable().meta({ description: '报送截止日期' }),
    submittedBy: z.string().meta({ description: '报送人' }),
    submittedAt: timestamp,
    signedBy: z.string().nullable().meta({ description: '签字人（主要负责人）' }),
    signedAt: timestamp.nullable(),
    late: z.boolean().meta({ description: '是否逾期签字' }),
    abilities: z.object({ sign: z.boolean() }).meta({ description: '当前用户可否签署此版本' }),
  })
  .meta({ id: 'TownReport', description: '镇街任务表的一个报送版本' });
export type TownReportDto = z.infer<typeof townReportDto>;

const reportPhaseDto = z
  .object({ code: z.string(), name: z.string(), reportDue: calendarDate.nullable().meta({ description: '报送截止日期' }) })
  .nullable()
  .meta({ description: '需要报送任务表的阶段；本次行动没有时为 null' });

export const townReportStatusDto = z
  .object({
    townId: z.number().int(),
    townName: z.string(),
    state: townReportStateSchema,
    latest: townReportDto.nullable().meta({ description: '最新的版本' }),
    signed: townReportDto.nullable().meta({ description: '已签字的版本' }),
  })
  .meta({ id: 'TownReportStatus', description: '一个镇街的报送情况' });
export type TownReportStatusDto = z.infer<typeof townReportStatusDto>;

export const reportOverviewDto = z
  .object({ phase: reportPhaseDto, towns: z.array(townReportStatusDto) })
  .meta({ id: 'ReportOverview', description: '各镇街任务表报送情况' });
export type ReportOverviewDto = z.infer<typeof reportOverviewDto>;

export const townReportDetailDto = z
  .object({
    townId: z.number().int(),
    townName: z.string(),
    phase: reportPhaseDto,
    state: townReportStateSchema,
    versions: z.array(townReportDto).meta({ description: '各报送版本，新版本在前' }),
    /** The register as it stands now, and whether it differs from the newest version. */
    current: z
      .object({ contentSha256: z.string(), rowCount: z.number().int(), changedSinceLatest: z.boolean() })
      .meta({ description: '台账当前的任务表内容，及其与最新版本相比是否有变化' }),
    abilities: z.object({ submit: z.boolean() }).meta({ description: '当前用户可否报送' }),
  })
  .meta({ id: 'TownReportDetail', description: '一个镇街的报送版本及台账当前内容' });
export type TownReportDetailDto = z.infer<typeof townReportDetailDto>;

/** GET /api/reports/:id/content: a version's frozen task table. */
export const reportContentDto = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    contentSha256: z.string(),
    content: z
      .object({
        town: z.string(),
        phase: z.string(),
        rows: z.array(
          z.object({
            seq: z.number().int().meta({ description: '序号' }),
            enterpriseId: z.number().int(),
            name: z.string(),
            location: z.string().meta({ description: '企业位置' }),
            phone: z.string(),
            notes: z.string(),
          }),
        ),
      })
      .meta({ description: '冻结的任务表（附件2）内容' }),
  })
  .meta({ id: 'TownReportContent', description: '报送版本的冻结内容' });
export type ReportContentDto = z.infer<typeof reportContentDto>;
