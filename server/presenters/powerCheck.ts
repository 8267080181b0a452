// 用电核查 as the web shows it: an imported list with what was found and what the user may do with it,
// and each account with its months, the workshop it matched, its flag, its review and the decisions the
// user may take.
import type { MatchReason, PowerAccountDto, PowerColumn, PowerFlag, PowerFlagState, PowerImportDto, PowerImportStatus, PowerRowProblem } from '../../domain/powerCheck.js';
import type { Actor } from '../auth/actor.js';
import type { PowerAccountRow, PowerImportRow } from '../db/schema.js';
import { can, type PowerFlagSubject } from '../policies/index.js';

export interface PowerImportFacts {
  townName: string;
  createdBy: string;
}

export function presentPowerImport(row: PowerImportRow, f: PowerImportFacts, actor: Actor): PowerImportDto {
  const subject = { orgPath: row.org_path, status: row.status as PowerImportStatus };
  return {
    id: row.id,
    town: { id: row.town_id, name: f.townName },
    fileName: row.file_name,
    status: row.status as PowerImportStatus,
    months: JSON.parse(row.months) as string[],
    columns: JSON.parse(row.columns) as PowerColumn[],
    rowCount: row.row_count,
    matchedCount: row.matched_count,
    resumedCount: row.resumed_count,
    unlistedCount: row.unlisted_count,
    problemCount: row.problem_count,
    createdAt: row.created_at,
    createdBy: f.createdBy,
    confirmedAt: row.confirmed_at,
    abilities: { confirm: can(actor, 'powerImport.confirm', subject), discard: can(actor, 'powerImport.discard', subject) },
  };
}

export interface PowerAccountFacts {
  /** The months of each account's list (JSON), by import id. */
  months: Map<number, string>;
  towns: Map<number, string>;
  workshops: Map<number, { id: number; name: string; status: string }>;
  users: Map<number, string>;
}

export function presentPowerAccount(row: PowerAccountRow, f: PowerAccountFacts, actor: Actor): PowerAccountDto {
  const subject: PowerFlagSubject = { orgPath: row.org_path, flag: row.flag as PowerFlag | null, state: row.state as PowerFlagState | null };
  const w = row.enterprise_id !== null ? f.workshops.get(row.enterprise_id) : undefined;
  return {
    id: row.id,
    importId: row.import_id,
    rowNo: row.row_no,
    town: { id: row.town_id, name: f.towns.get(row.town_id) ?? '' },
    accountNo: row.account_no,
    holder: row.holder,
    address: row.address,
    phone: row.phone,
    station: row.station,
    line: row.line,
    category: row.category,
    note: row.note,
    lng: row.lng,
    lat: row.lat,
    months: JSON.parse(f.months.get(row.import_id) ?? '[]') as string[],
    usage: JSON.parse(row.usage) as (number | null)[],
    enterprise: w ? { id: w.id, name: w.name, status: w.status } : null,
    matchReason: row.match_reason as MatchReason | null,
    flag: row.flag as PowerFlag | null,
    state: row.state as PowerFlagState | null,
    reviewReason: row.review_reason,
    reviewedBy: row.reviewed_by !== null ? (f.users.get(row.reviewed_by) ?? '') : '',
    reviewedAt: row.reviewed_at,
    createdEnterpriseId: row.created_enterprise_id,
    problems: JSON.parse(row.problems) as PowerRowProblem[],
    abilities: {
      recur: can(actor, 'powerFlag.recur', subject),
      register: can(actor, 'powerFlag.register', subject),
      dismiss: can(actor, 'powerFlag.dismiss', subject),
    },
  };
}
