// Town reports (任务表报送, notice 二(一)): a town submits its 附件2 task table, frozen as a version;
// its principal signs it; the office sees who has reported, on time or late. The deadline rules,
// the routes' request schemas and the DTOs they answer with.
import type { CampaignDefinition, Phase } from './campaign.js';
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
 * overdue once the deadline has passed; else submitted and awaiting signature; else not reported.
 */
export function reportState(live: object | null | undefined, signed: { late: boolean } | null | undefined, due: string | null, now: Date = new Date()): TownReportState {
  if (signed) return signed.late ? 'signed_late' : 'signed';
  if (pastDeadline(due, now)) return 'overdue';
  return live ? 'submitted' : 'not_reported';
}

/** POST /api/reports */
export const reportSubmitSchema = z.strictObject({ townId: z.number({ error: '请选择镇街' }).int().positive() });

/** POST /api/reports/:id/sign: the principal confirms the content they checked, by its hash. */
export const reportSignSchema = z.strictObject({ contentSha256: z.string().regex(/^[0-9a-f]{64}$/, { error: '内容校验值不正确' }) });

export type TownReportState = 'not_reported' | 'overdue' | 'submitted' | 'signed' | 'signed_late';

export interface TownReportDto {
  id: number;
  townId: number;
  townName: string;
  phase: string;
  version: number;
  status: 'submitted' | 'signed' | 'superseded';
  contentSha256: string;
  rowCount: number;
  dueDate: string | null;
  submittedBy: string;
  submittedAt: string;
  signedBy: string | null;
  signedAt: string | null;
  late: boolean;
  abilities: { sign: boolean };
}

export interface TownReportStatusDto {
  townId: number;
  townName: string;
  state: TownReportState;
  latest: TownReportDto | null;
  signed: TownReportDto | null;
}

export interface ReportOverviewDto {
  phase: { code: string; name: string; reportDue: string | null } | null;
  towns: TownReportStatusDto[];
}

export interface TownReportDetailDto {
  townId: number;
  townName: string;
  phase: { code: string; name: string; reportDue: string | null } | null;
  state: TownReportState;
  versions: TownReportDto[];
  /** The register as it stands now, and whether it differs from the newest version. */
  current: { contentSha256: string; rowCount: number; changedSinceLatest: boolean };
  abilities: { submit: boolean };
}
