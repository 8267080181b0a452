import type { TownReportDto, TownReportState } from '../../domain/api.js';
import type { TownReportRow } from '../db/schema.js';
import { can } from '../policies/index.js';
import { type Actor } from '../auth/actor.js';
import { todayInChina } from '../../domain/time.js';

export function presentReport(r: TownReportRow, townName: string, townPath: string, names: Map<number, string>, actor: Actor): TownReportDto {
  return {
    id: r.id,
    townId: r.town_id,
    townName,
    phase: r.phase_code,
    version: r.version,
    status: r.status as TownReportDto['status'],
    contentSha256: r.content_sha256,
    rowCount: r.row_count,
    dueDate: r.due_date,
    submittedBy: names.get(r.submitted_by) ?? '',
    submittedAt: r.submitted_at,
    signedBy: r.signed_by === null ? null : (names.get(r.signed_by) ?? ''),
    signedAt: r.signed_at,
    late: r.late === 1,
    abilities: { sign: r.status === 'submitted' && can(actor, 'report.sign', { orgPath: townPath }) },
  };
}

/**
 * DHIS2-style completeness and timeliness of one town's report: signed (on time or late); else
 * overdue once the deadline has passed; else submitted and awaiting signature; else not reported.
 */
export function reportState(live: TownReportRow | null | undefined, signed: TownReportRow | null | undefined, due: string | null): TownReportState {
  if (signed) return signed.late === 1 ? 'signed_late' : 'signed';
  if (due && todayInChina() > due) return 'overdue';
  return live ? 'submitted' : 'not_reported';
}
