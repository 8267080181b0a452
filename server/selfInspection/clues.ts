// Disciplinary clues (违纪线索): filed by town staff, the office or discipline; seen and acted on only
// by the discipline role and the office director. Every read of a clue is audited (clue.view,
// clue.list) under entity_type 'clue', never under the workshop it may relate to.
import { sql, type Kysely } from 'kysely';
import type { ClueConduct, ClueDto, ClueListDto, ClueSource, ClueStatus } from '../../domain/selfInspection.js';
import type { clueCreateSchema } from '../../domain/selfInspection.js';
import type { DepartmentDef } from '../../domain/campaign.js';
import type { z } from '../../domain/zod.js';
import type { AppContext } from '../context.js';
import { escapeLike, forUpdate, likeOperator, toNumber } from '../db/dialect.js';
import type { Database, DisciplineClueRow } from '../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../errors.js';
import { authorize, can, enterpriseSubject } from '../policies/index.js';
import { type Actor } from '../auth/actor.js';
import { cluePrefixes } from '../policies/index.js';
import { userNames } from '../repositories/users.js';
import { writeAudit } from '../repositories/audit.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import { inPrefixes } from '../repositories/scope.js';
import { nowIso } from '../../domain/time.js';
import { readableClue } from '../commands/lib/clue.js';
import { readableTown } from '../commands/lib/town.js';

type CreateInput = z.output<typeof clueCreateSchema>;

/** Duties that merely assist another body (会同/配合/协助…) do not make a department the investigator. */
const ASSISTING = /^(会同|配合|协助|协同)/;

/**
 * The department clues are forwarded to, read from the campaign's department list: the one whose
 * own duties are to investigate disciplinary violations (违纪). Never a name written in code.
 */
export function disciplineDepartment(campaign: CampaignRecord): DepartmentDef {
  const score = (d: DepartmentDef) => d.duties.filter((duty) => /违纪/.test(duty) && !ASSISTING.test(duty)).length;
  const ranked = campaign.definition.departments.map((d) => ({ d, s: score(d) })).filter((x) => x.s > 0).sort((a, b) => b.s - a.s);
  if (!ranked[0]) throw conflict('本次行动的部门职责中没有负责查处违纪行为的部门，无法移交');
  return ranked[0].d;
}

export async function fileClue(ctx: AppContext, actor: Actor, campaign: CampaignRecord, input: CreateInput): Promise<number> {
  const town = await readableTown(ctx.db, actor, campaign, input.townId, 'selfPolicy.read');
  authorize(actor, 'clue.create', { orgPath: town.path }, 'selfPolicy.read');
  if (input.enterpriseId !== null) {
    const e = await ctx.db.selectFrom('enterprises').select(['id', 'campaign_id', 'org_path', 'status']).where('id', '=', input.enterpriseId).executeTakeFirst();
    if (!e || e.campaign_id !== campaign.id || !can(actor, 'enterprise.read', enterpriseSubject(e)))
      throw invalid('关联企业不存在或不在您的管辖范围内', [{ path: 'enterpriseId', message: '关联企业不存在或不在您的管辖范围内' }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('discipline_clues')
      .values({
        campaign_id: campaign.id,
        town_id: town.id,
        org_path: town.path,
        person: input.person,
        post: input.post,
        conduct: input.conduct,
        description: input.description,
        source: input.source,
        enterprise_id: input.enterpriseId,
        status: 'received',
        reported_by: actor.id,
        reported_at: nowIso(),
        forwarded_by: null,
        forwarded_at: null,
        forwarded_to_code: null,
        forwarded_to: null,
        forward_note: '',
        closed_by: null,
        closed_at: null,
        closing_note: '',
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The audit keeps who filed it and where, not the accusation itself.
    await writeAudit(trx, { actor, action: 'clue.create', entityType: 'clue', entityId: id, scopePath: town.path, after: { townId: town.id, conduct: input.conduct, source: input.source } });
    return id;
  });
}

async function presentClues(db: Kysely<Database>, actor: Actor, rows: DisciplineClueRow[]): Promise<ClueDto[]> {
  const names = await userNames(db, rows.flatMap((r) => [r.reported_by, r.forwarded_by, r.closed_by]));
  const enterpriseIds = [...new Set(rows.map((r) => r.enterprise_id).filter((i): i is number => i !== null))];
  const enterprises = new Map(
    enterpriseIds.length ? (await db.selectFrom('enterprises').select(['id', 'name']).where('id', 'in', enterpriseIds).execute()).map((e) => [e.id, e.name]) : [],
  );
  const out: ClueDto[] = [];
  for (const r of rows) {
    const subject = { orgPath: r.org_path, status: r.status };
    out.push({
      id: r.id,
      townId: r.town_id,
      townName: (await findOrgUnit(db, r.town_id))?.name ?? '',
      person: r.person,
      post: r.post,
      conduct: r.conduct as ClueConduct,
      description: r.description,
      source: r.source as ClueSource,
      enterprise: r.enterprise_id !== null ? { id: r.enterprise_id, name: enterprises.get(r.enterprise_id) ?? '' } : null,
      status: r.status as ClueStatus,
      reportedBy: names.get(r.reported_by) ?? '',
      reportedAt: r.reported_at,
      forwarded:
        r.forwarded_at !== null
          ? { by: names.get(r.forwarded_by ?? 0) ?? '', at: r.forwarded_at, to: r.forwarded_to ?? '', toCode: r.forwarded_to_code ?? '', note: r.forward_note }
          : null,
      closed: r.closed_at !== null ? { by: names.get(r.closed_by ?? 0) ?? '', at: r.closed_at, note: r.closing_note } : null,
      version: r.version,
      abilities: { forward: can(actor, 'clue.forward', subject), close: can(actor, 'clue.close', subject) },
    });
  }
  return out;
}

/** The clues the actor may see, cut in SQL to the clue grants' prefixes; the listing is audited. */
export async function listClues(
  ctx: AppContext,
  actor: Actor,
  campaign: CampaignRecord,
  filter: { townId?: number; status?: ClueStatus; q?: string; page: number; pageSize: number },
): Promise<ClueListDto> {
  const prefixes = cluePrefixes(actor);
  return ctx.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('discipline_clues').where('campaign_id', '=', campaign.id).where(inPrefixes('org_path', prefixes));
    if (filter.townId !== undefined) q = q.where('town_id', '=', filter.townId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.q) {
      const like = `%${escapeLike(filter.q)}%`;
      const op = likeOperator(ctx.dialect);
      const pattern = sql<string>`${like} escape '\\'`;
      q = q.where((eb) => eb.or([eb('person', op, pattern), eb('post', op, pattern), eb('description', op, pattern)]));
    }
    const { n } = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('id', 'desc').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute();
    await writeAudit(trx, { actor, action: 'clue.list', entityType: 'clue', entityId: 'list', after: { filter, ids: rows.map((r) => r.id) } });
    return { items: await presentClues(trx, actor, rows), total: toNumber(n) };
  });
}

/** One clue, with the view written to the audit log in the same transaction. */
export async function viewClue(ctx: AppContext, actor: Actor, campaign: CampaignRecord, id: number): Promise<ClueDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await readableClue(trx, actor, campaign, id);
    authorize(actor, 'clue.read', { orgPath: row.org_path });
    await writeAudit(trx, { actor, action: 'clue.view', entityType: 'clue', entityId: id, scopePath: row.org_path });
    return (await presentClues(trx, actor, [row]))[0];
  });
}

async function transition(
  ctx: AppContext,
  actor: Actor,
  campaign: CampaignRecord,
  id: number,
  version: number,
  action: 'clue.forward' | 'clue.close',
  change: (row: DisciplineClueRow) => Partial<DisciplineClueRow>,
): Promise<ClueDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await readableClue(trx, actor, campaign, id);
    const expected = action === 'clue.forward' ? 'received' : 'forwarded';
    if (row.status !== expected)
      throw new AppError('invalid_transition', action === 'clue.forward' ? '该线索已移交，不能重复移交' : row.status === 'closed' ? '该线索已办结' : '线索须先移交监察部门，才能办结');
    authorize(actor, action, { orgPath: row.org_path, status: row.status }, 'clue.read');
    if (row.version !== version) throw new AppError('stale_version', '该线索已被他人处理，请刷新后重试');
    const set = { ...change(row), version: row.version + 1 };
    const res = await trx.updateTable('discipline_clues').set(set).where('id', '=', id).where('version', '=', row.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('stale_version', '该线索已被他人处理，请刷新后重试');
    await writeAudit(trx, { actor, action, entityType: 'clue', entityId: id, scopePath: row.org_path, before: { status: row.status }, after: { status: set.status, ...(set.forwarded_to_code ? { to: set.forwarded_to_code } : {}) } });
    const updated = (await trx.selectFrom('discipline_clues').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    return (await presentClues(trx, actor, [updated]))[0];
  });
}

export function forwardClue(ctx: AppContext, actor: Actor, campaign: CampaignRecord, id: number, input: { version: number; note: string }) {
  const dept = disciplineDepartment(campaign);
  return transition(ctx, actor, campaign, id, input.version, 'clue.forward', () => ({
    status: 'forwarded',
    forwarded_by: actor.id,
    forwarded_at: nowIso(),
    forwarded_to_code: dept.code,
    forwarded_to: dept.name,
    forward_note: input.note,
  }));
}

export function closeClue(ctx: AppContext, actor: Actor, campaign: CampaignRecord, id: number, input: { version: number; note: string }) {
  return transition(ctx, actor, campaign, id, input.version, 'clue.close', () => ({
    status: 'closed',
    closed_by: actor.id,
    closed_at: nowIso(),
    closing_note: input.note,
  }));
}
