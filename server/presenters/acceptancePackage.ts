// 验收材料 versions as the web reads them, with whether the reader may sign, decided by the policies.
import type { PackageVersionDto } from '../../domain/acceptancePackage.js';
import type { Actor } from '../auth/actor.js';
import type { AcceptancePackageRow } from '../db/schema.js';
import { can } from '../policies/index.js';

export function presentPackage(row: AcceptancePackageRow, townPath: string, names: Map<number, string>, actor: Actor): PackageVersionDto {
  return {
    id: row.id,
    version: row.version,
    status: row.status as PackageVersionDto['status'],
    contentSha256: row.content_sha256,
    workshopCount: row.workshop_count,
    imageCount: row.image_count,
    submittedBy: names.get(row.submitted_by) ?? '',
    submittedAt: row.submitted_at,
    signedBy: row.signed_by === null ? null : (names.get(row.signed_by) ?? ''),
    signedAt: row.signed_at,
    late: row.late === 1,
    abilities: { sign: row.status === 'submitted' && can(actor, 'acceptancePackage.sign', { orgPath: townPath }) },
  };
}
