// Cases (违法案件, migration 025) and their transfers. A case's scope is its workshop's path, read
// through the join; who sees which paths is the caller's (policies/cases.ts casePrefixes).
import type { Kysely } from 'kysely';
import { fenOf, type CaseCreate, type Penalty, type TransferKind } from '../../domain/cases.js';
import { forUpdate } from '../db/dialect.js';
import type { CaseTransferRow, Database, EnforcementCaseRow } from '../db/schema.js';
import { newestFirstPage } from './newestFirst.js';
import { inPrefixes } from './scope.js';

/** The penalty columns of a decision (all null for none). */
export function penaltyColumns(p: Penalty | null) {
  return {
    decision_number: p?.decisionNumber ?? null,
    fine_fen: p ? fenOf(p.amount) : null,
    decided_on: p?.decidedOn ?? null,
    penalty_status: p?.status ?? null,
  };
}

export async function insertCase(
  trx: Kysely<Database>,
  r: { campaignId: number; enterpriseId: number; department: { code: string; name: string }; by: number; at: string } & CaseCreate,
): Promise<number> {
  const { id } = await trx
    .insertInto('enforcement_cases')
    .values({
      campaign_id: r.campaignId,
      enterprise_id: r.enterpriseId,
      department_code: r.department.code,
      department_name: r.department.name,
      found_on: r.foundOn,
      violation: r.violation,
      evidence_ids: JSON.stringify(r.evidenceIds),
      ...penaltyColumns(r.penalty),
      recorded_by: r.by,
      recorded_at: r.at,
      updated_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findCase(db: Kysely<Database>, campaignId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<EnforcementCaseRow | undefined> {
  const q = db.selectFrom('enforcement_cases').selectAll().where('id', '=', id);
  const row = await (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
  return row && row.campaign_id === campaignId ? row : undefined;
}

export type CaseChanges = Partial<Pick<EnforcementCaseRow, 'violation' | 'evidence_ids' | 'decision_number' | 'fine_fen' | 'decided_on' | 'penalty_status'>> & { updated_at: string };

export async function updateCaseAtVersion(trx: Kysely<Database>, row: EnforcementCaseRow, c: CaseChanges): Promise<boolean> {
  const res = await trx.updateTable('enforcement_cases').set({ ...c, version: row.version + 1 }).where('id', '=', row.id).where('version', '=', row.version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function findTransferByKind(db: Kysely<Database>, caseId: number, kind: TransferKind): Promise<CaseTransferRow | undefined> {
  return db.selectFrom('case_transfers').selectAll().where('case_id', '=', caseId).where('kind', '=', kind).executeTakeFirst();
}

export async function insertTransfer(
  trx: Kysely<Database>,
  t: { caseId: number; kind: TransferKind; to: { code: string; name: string }; reason: string; clueId: number | null; by: number; at: string },
): Promise<number> {
  const { id } = await trx
    .insertInto('case_transfers')
    .values({ case_id: t.caseId, kind: t.kind, to_code: t.to.code, to_name: t.to.name, reason: t.reason, clue_id: t.clueId, transferred_by: t.by, transferred_at: t.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findTransfer(db: Kysely<Database>, id: number, opts: { forUpdate?: boolean } = {}): Promise<CaseTransferRow | undefined> {
  const q = db.selectFrom('case_transfers').selectAll().where('id', '=', id);
  return (opts.forUpdate ? forUpdate(db, q) : q).executeTakeFirst();
}

/** Signs for a transfer once: false when someone already has. */
export async function acknowledgeTransfer(trx: Kysely<Database>, id: number, a: { by: number; at: string; reference: string; note: string }): Promise<boolean> {
  const res = await trx
    .updateTable('case_transfers')
    .set({ acknowledged_by: a.by, acknowledged_at: a.at, ack_reference: a.reference, ack_note: a.note })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

function withNames(db: Kysely<Database>) {
  return db
    .selectFrom('enforcement_cases as c')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .leftJoin('org_units as t', 't.id', 'e.town_id')
    .leftJoin('org_units as v', 'v.id', 'e.village_id')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .selectAll('c')
    .select(['e.name as enterprise_name', 'e.org_path', 't.name as town_name', 'v.name as village_name', 'u.display_name as recorded_by_name']);
}
type CaseBase = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];
export type TransferView = CaseTransferRow & { transferred_by_name: string | null; acknowledged_by_name: string | null };
export type CaseView = CaseBase & { transfers: TransferView[] };

async function withTransfers(db: Kysely<Database>, cases: CaseBase[]): Promise<CaseView[]> {
  if (cases.length === 0) return [];
  const transfers = await db
    .selectFrom('case_transfers as x')
    .leftJoin('users as b', 'b.id', 'x.transferred_by')
    .leftJoin('users as a', 'a.id', 'x.acknowledged_by')
    .selectAll('x')
    .select(['b.display_name as transferred_by_name', 'a.display_name as acknowledged_by_name'])
    .where('x.case_id', 'in', cases.map((c) => c.id))
    .orderBy('x.id')
    .execute();
  return cases.map((c) => ({ ...c, transfers: transfers.filter((x) => x.case_id === c.id) }));
}

/** Cases on workshops within `prefixes` (the reader's), newest first; one workshop's or one town's when given. */
export async function listCases(
  db: Kysely<Database>,
  prefixes: readonly string[],
  f: { campaignId: number; enterpriseId?: number; townId?: number; page: number; pageSize: number },
): Promise<{ rows: CaseView[]; total: number }> {
  let q = db.selectFrom('enforcement_cases as c').innerJoin('enterprises as e', 'e.id', 'c.enterprise_id').where('c.campaign_id', '=', f.campaignId).where(inPrefixes('e.org_path', prefixes));
  if (f.enterpriseId !== undefined) q = q.where('c.enterprise_id', '=', f.enterpriseId);
  if (f.townId !== undefined) q = q.where('e.town_id', '=', f.townId);
  const { rows, total } = await newestFirstPage(q, 'c', f, (ids) => withNames(db).where('c.id', 'in', ids).orderBy('c.id', 'desc').execute());
  return { rows: await withTransfers(db, rows), total };
}

export async function findCaseView(db: Kysely<Database>, id: number): Promise<CaseView | undefined> {
  const row = await withNames(db).where('c.id', '=', id).executeTakeFirst();
  return row && (await withTransfers(db, [row]))[0];
}
