import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Insertable, Kysely } from 'kysely';
import type { ListResponse } from '../../domain/api.js';
import {
  leadingMemberCreateSchema,
  publicityCreateSchema,
  PUBLICITY_KINDS,
  type LeadingMemberDto,
  type PublicityEventDto,
} from '../../domain/mobilisation.js';
import { z } from '../../domain/zod.js';
import { townInScope } from '../commands/lib/town.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/schema.js';
import { notFound } from '../errors.js';
import { can } from '../policies/index.js';
import { covers, type Actor } from '../auth/actor.js';
import { userNames } from '../repositories/users.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign, type CampaignRecord } from '../repositories/campaigns.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import { visibleTo } from '../repositories/scope.js';
import { resolveUnitFilter } from '../repositories/unitFilter.js';
import { nowIso } from '../../domain/time.js';

const idParams = z.strictObject({ id: z.coerce.number().int().positive({ error: '编号不正确' }) });
const townQuery = z.strictObject({ town: z.string().max(60).optional() });
const publicityQuery = townQuery.extend({ kind: z.enum(PUBLICITY_KINDS, { error: '类型取值不正确' }).optional() });

type Table = 'town_leading_members' | 'publicity_events';

/** Rows of `table` for the current campaign in the actor's scope, optionally of one town. */
function scoped(db: Kysely<Database>, table: Table, actor: Actor, campaign: CampaignRecord, townId: number | undefined) {
  return db
    .selectFrom(table)
    .innerJoin('org_units as t', 't.id', `${table}.town_id`)
    .where(`${table}.campaign_id`, '=', campaign.id)
    .where(visibleTo(actor, 't.path'))
    .$if(townId !== undefined, (q) => q.where(`${table}.town_id`, '=', townId!));
}

/** Deletes one row the actor may write; 404 when it is outside the scope. */
async function deleteRow(ctx: AppContext, actor: Actor, authorize: (a: string, s: unknown) => void, table: Table, id: number, action: string) {
  const campaign = await currentCampaign(ctx.db);
  const row = await ctx.db.selectFrom(table).selectAll().where('id', '=', id).where('campaign_id', '=', campaign.id).executeTakeFirst();
  const town = row ? await findOrgUnit(ctx.db, row.town_id) : undefined;
  if (!row || !town || !covers(actor, town.path)) throw notFound();
  authorize('mobilisation.write', { orgPath: town.path });
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom(table).where('id', '=', id).execute();
    await writeAudit(trx, { actor, action, entityType: table, entityId: id, scopePath: town.path, before: row });
  });
}

/** Inserts one row for a town the actor may write, with its audit record, in one transaction. */
async function insertForTown<T extends Table>(
  ctx: AppContext,
  request: FastifyRequest,
  townId: number,
  table: T,
  values: (campaignId: number, townId: number, actor: Actor) => Insertable<Database[T]>,
  action: string,
  audit: unknown,
  /** Runs first in the same transaction (e.g. to clear the previous principal). */
  prepare?: (trx: Kysely<Database>, campaignId: number, townId: number) => Promise<unknown>,
): Promise<number> {
  const actor = request.requireActor();
  const campaign = await currentCampaign(ctx.db);
  const town = await townInScope(ctx.db, actor, campaign, townId);
  request.authorize('mobilisation.write', { orgPath: town.path });
  return ctx.db.transaction().execute(async (trx) => {
    await prepare?.(trx, campaign.id, town.id);
    const row = await trx
      .insertInto(table)
      .values(values(campaign.id, town.id, actor) as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = (row as { id: number }).id;
    await writeAudit(trx, { actor, action, entityType: table, entityId: id, scopePath: town.path, after: audit });
    return id;
  });
}

export function mobilisationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/mobilisation/leading-members', {
    config: { action: 'mobilisation.read' },
    schema: { tags: ['mobilisation'], summary: '镇街集中取缔工作领导机构成员', querystring: townQuery },
  }, async (request): Promise<ListResponse<LeadingMemberDto>> => {
    const actor = request.requireActor();
    request.authorize('mobilisation.read', null);
    const campaign = await currentCampaign(ctx.db);
    const units = await resolveUnitFilter(ctx.db, actor, request.query.town, undefined);
    if (units === 'none') return { items: [], total: 0 };
    const rows = await scoped(ctx.db, 'town_leading_members', actor, campaign, units.townId)
      .select(['town_leading_members.id', 'town_leading_members.town_id', 't.name as town_name', 't.path as town_path', 'position', 'town_leading_members.name', 'title', 'is_principal'])
      .orderBy('town_leading_members.town_id')
      .orderBy('town_leading_members.id')
      .limit(2000)
      .execute();
    return {
      items: rows.map((m) => ({
        id: m.id,
        townId: m.town_id,
        townName: m.town_name,
        position: m.position as LeadingMemberDto['position'],
        name: m.name,
        title: m.title,
        isPrincipal: m.is_principal === 1,
        canDelete: can(actor, 'mobilisation.write', { orgPath: m.town_path }),
      })),
      total: rows.length,
    };
  });

  r.post('/api/mobilisation/leading-members', {
    config: { action: 'mobilisation.write' },
    schema: { tags: ['mobilisation'], summary: '添加领导机构成员', body: leadingMemberCreateSchema },
  }, async (request, reply) => {
    const b = request.body;
    const id = await insertForTown(ctx, request, b.townId, 'town_leading_members', (campaignId, townId, actor) => ({
      campaign_id: campaignId,
      town_id: townId,
      position: b.position,
      name: b.name,
      title: b.title,
      is_principal: b.isPrincipal ? 1 : 0,
      created_by: actor.id,
      created_at: nowIso(),
    }), 'leadingMember.create', b, async (trx, campaignId, townId) => {
      // One first responsible person per town: naming a new one replaces the old.
      if (b.isPrincipal)
        await trx.updateTable('town_leading_members').set({ is_principal: 0 }).where('campaign_id', '=', campaignId).where('town_id', '=', townId).execute();
    });
    reply.status(201);
    return { id };
  });

  r.delete('/api/mobilisation/leading-members/:id', {
    config: { action: 'mobilisation.write' },
    schema: { tags: ['mobilisation'], summary: '删除领导机构成员', params: idParams },
  }, async (request, reply) => {
    await deleteRow(ctx, request.requireActor(), request.authorize.bind(request), 'town_leading_members', request.params.id, 'leadingMember.delete');
    reply.status(204);
    return null;
  });

  r.get('/api/mobilisation/publicity', {
    config: { action: 'mobilisation.read' },
    schema: { tags: ['mobilisation'], summary: '宣传发动记录（村居负责人会议、宣传车、媒体报道）', querystring: publicityQuery },
  }, async (request): Promise<ListResponse<PublicityEventDto>> => {
    const actor = request.requireActor();
    request.authorize('mobilisation.read', null);
    const campaign = await currentCampaign(ctx.db);
    const units = await resolveUnitFilter(ctx.db, actor, request.query.town, undefined);
    if (units === 'none') return { items: [], total: 0 };
    const rows = await scoped(ctx.db, 'publicity_events', actor, campaign, units.townId)
      .selectAll('publicity_events')
      .select(['t.name as town_name', 't.path as town_path'])
      .$if(request.query.kind !== undefined, (q) => q.where('publicity_events.kind', '=', request.query.kind!))
      .orderBy('publicity_events.held_on', 'desc')
      .orderBy('publicity_events.id', 'desc')
      .limit(2000)
      .execute();
    const names = await userNames(ctx.db, rows.map((e) => e.created_by));
    return {
      items: rows.map((e) => ({
        id: e.id,
        townId: e.town_id,
        townName: e.town_name,
        kind: e.kind as PublicityEventDto['kind'],
        heldOn: e.held_on,
        place: e.place,
        attendees: e.attendees,
        vehicles: e.vehicles,
        outlet: e.outlet,
        title: e.title,
        link: e.link,
        notes: e.notes,
        createdBy: names.get(e.created_by) ?? '',
        createdAt: e.created_at,
        canDelete: can(actor, 'mobilisation.write', { orgPath: e.town_path }),
      })),
      total: rows.length,
    };
  });

  r.post('/api/mobilisation/publicity', {
    config: { action: 'mobilisation.write' },
    schema: { tags: ['mobilisation'], summary: '登记宣传发动记录', body: publicityCreateSchema },
  }, async (request, reply) => {
    const b = request.body;
    const id = await insertForTown(ctx, request, b.townId, 'publicity_events', (campaignId, townId, actor) => ({
      campaign_id: campaignId,
      town_id: townId,
      kind: b.kind,
      held_on: b.heldOn,
      place: b.place,
      attendees: b.kind === 'meeting' ? b.attendees : null,
      vehicles: b.kind === 'vehicle' ? b.vehicles : null,
      outlet: b.outlet,
      title: b.title,
      link: b.link,
      notes: b.notes,
      created_by: actor.id,
      created_at: nowIso(),
    }), 'publicity.create', b);
    reply.status(201);
    return { id };
  });

  r.delete('/api/mobilisation/publicity/:id', {
    config: { action: 'mobilisation.write' },
    schema: { tags: ['mobilisation'], summary: '删除宣传发动记录', params: idParams },
  }, async (request, reply) => {
    await deleteRow(ctx, request.requireActor(), request.authorize.bind(request), 'publicity_events', request.params.id, 'publicity.delete');
    reply.status(204);
    return null;
  });
}
