// 土政策 records (自查自纠): commands, queries and the presenter. Scope: the town's path, by prefix.
import type { Kysely } from 'kysely';
import type { SelfPolicyDto, SelfPolicyListDto } from '../../domain/selfInspection.js';
import type { z } from '../../domain/zod.js';
import type { selfPolicyCreateSchema, selfPolicyUpdateSchema } from '../../domain/selfInspection.js';
import type { AppContext } from '../context.js';
import { toNumber } from '../db/dialect.js';
import type { Database, SelfPolicyRow } from '../db/schema.js';
import { AppError, invalid, notFound } from '../errors.js';
import { authorize, can } from '../policies/index.js';
import { type Actor } from '../auth/actor.js';
import { writeAudit } from '../repositories/audit.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import { campaignScope } from '../repositories/scope.js';
import { nowIso } from '../../domain/time.js';
import { readableTown } from '../commands/lib/town.js';

type CreateInput = z.output<typeof selfPolicyCreateSchema>;
type UpdateInput = z.output<typeof selfPolicyUpdateSchema>;

export function presentPolicy(row: SelfPolicyRow, townName: string, actor: Actor): SelfPolicyDto {
  return {
    id: row.id,
    townId: row.town_id,
    townName,
    title: row.title,
    issuedBy: row.issued_by,
    issuedOn: row.issued_on,
    foundOn: row.found_on,
    actionTaken: row.action_taken,
    cleared: row.cleared === 1,
    clearedOn: row.cleared_on,
    notes: row.notes,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: { update: can(actor, 'selfPolicy.update', { orgPath: row.org_path }) },
  };
}

async function townNames(db: Kysely<Database>, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const id of new Set(ids)) out.set(id, (await findOrgUnit(db, id))?.name ?? '');
  return out;
}

export async function listPolicies(
  ctx: AppContext,
  actor: Actor,
  campaign: CampaignRecord,
  filter: { townId?: number; cleared?: 'yes' | 'no'; page: number; pageSize: number },
): Promise<SelfPolicyListDto> {
  let q = ctx.db.selectFrom('self_policies').where('campaign_id', '=', campaign.id);
  const scope = campaignScope(actor, 'org_path', campaign.rootPath);
  if (scope) q = q.where(scope);
  if (filter.townId !== undefined) q = q.where('town_id', '=', filter.townId);
  if (filter.cleared) q = q.where('cleared', '=', filter.cleared === 'yes' ? 1 : 0);
  const [{ n }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    q.selectAll().orderBy('id', 'desc').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute(),
  ]);
  const names = await townNames(ctx.db, rows.map((r) => r.town_id));
  return { items: rows.map((r) => presentPolicy(r, names.get(r.town_id) ?? '', actor)), total: toNumber(n) };
}

/** Loads a record the actor may read; 404 otherwise (also for another campaign's). */
export async function readablePolicy(db: Kysely<Database>, actor: Actor, campaign: CampaignRecord, id: number): Promise<SelfPolicyRow> {
  const row = await db.selectFrom('self_policies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.campaign_id !== campaign.id || !can(actor, 'selfPolicy.read', { orgPath: row.org_path })) throw notFound();
  return row;
}

export async function policyDto(db: Kysely<Database>, actor: Actor, row: SelfPolicyRow): Promise<SelfPolicyDto> {
  return presentPolicy(row, (await findOrgUnit(db, row.town_id))?.name ?? '', actor);
}

export async function createPolicy(ctx: AppContext, actor: Actor, campaign: CampaignRecord, input: CreateInput): Promise<number> {
  const town = await readableTown(ctx.db, actor, campaign, input.townId, 'selfPolicy.read');
  authorize(actor, 'selfPolicy.create', { orgPath: town.path }, 'selfPolicy.read');
  const now = nowIso();
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('self_policies')
      .values({
        campaign_id: campaign.id,
        town_id: town.id,
        org_path: town.path,
        title: input.title,
        issued_by: input.issuedBy,
        issued_on: input.issuedOn,
        found_on: input.foundOn,
        action_taken: input.actionTaken,
        cleared: input.cleared ? 1 : 0,
        cleared_on: input.cleared ? input.clearedOn : null,
        notes: input.notes,
        version: 1,
        created_by: actor.id,
        created_at: now,
        updated_by: actor.id,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { actor, action: 'selfPolicy.create', entityType: 'self_policy', entityId: id, scopePath: town.path, after: { town: town.name, ...input } });
    return id;
  });
}

const COLUMNS = {
  title: 'title',
  issuedBy: 'issued_by',
  issuedOn: 'issued_on',
  foundOn: 'found_on',
  actionTaken: 'action_taken',
  cleared: 'cleared',
  clearedOn: 'cleared_on',
  notes: 'notes',
} as const;

export async function updatePolicy(ctx: AppContext, actor: Actor, campaign: CampaignRecord, id: number, patch: UpdateInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await readablePolicy(trx, actor, campaign, id);
    authorize(actor, 'selfPolicy.update', { orgPath: row.org_path }, 'selfPolicy.read');
    if (row.version !== patch.version) throw new AppError('stale_version', '该记录已被他人修改，请刷新后重新编辑（您的修改未保存）');
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const set: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, (typeof COLUMNS)[keyof typeof COLUMNS]][]) {
      const value = patch[key];
      if (value === undefined) continue;
      const stored = key === 'cleared' ? (value ? 1 : 0) : value;
      if (row[column] === stored) continue;
      before[key] = key === 'cleared' ? row.cleared === 1 : row[column];
      after[key] = value;
      set[column] = stored;
    }
    // 已清理 needs its date; not cleared has none.
    const cleared = (set.cleared ?? row.cleared) === 1;
    const clearedOn = (set.cleared_on !== undefined ? set.cleared_on : row.cleared_on) as string | null;
    if (cleared && !clearedOn) throw invalid('已清理的请填写清理日期', [{ path: 'clearedOn', message: '已清理的请填写清理日期' }]);
    if (!cleared && clearedOn) {
      if (patch.clearedOn) throw invalid('未清理的不应填写清理日期', [{ path: 'clearedOn', message: '未清理的不应填写清理日期' }]);
      set.cleared_on = null;
    }
    if (Object.keys(set).length === 0) return;
    const res = await trx
      .updateTable('self_policies')
      .set({ ...set, version: row.version + 1, updated_by: actor.id, updated_at: nowIso() })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('stale_version', '该记录已被他人修改，请刷新后重新编辑（您的修改未保存）');
    await writeAudit(trx, { actor, action: 'selfPolicy.update', entityType: 'self_policy', entityId: id, scopePath: row.org_path, before, after });
  });
}
