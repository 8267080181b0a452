import type { TownReportDto } from '../../domain/reports.js';
import type { TownReportRow } from '../db/schema.js';
import { can } from '../policies/index.js';
import { type Actor } from '../auth/actor.js';

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
