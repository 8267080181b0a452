// 约谈与问责 (issue 17 §6): the accountability list (问责清单) by responsible person, one person's
// workshops and records, and the 约谈/问责 records — list, record, read, hold, withdraw. The list is
// the office's and discipline's (403 to everyone else); a record out of the reader's scope answers 404.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  accountabilityCreateSchema,
  accountabilityDto,
  accountabilityHoldSchema,
  accountabilityListDto,
  accountabilityQuerySchema,
  accountabilityWithdrawSchema,
  responsibleKindLabels,
  boardDto,
  boardExportQuerySchema,
  boardPersonDto,
  boardPersonQuerySchema,
  boardQuerySchema,
  type AccountabilityDto,
  type AccountabilityListDto,
  type BoardDto,
  type BoardExportQuery,
  type BoardPersonDto,
  type BoardRowDto,
} from '../../domain/accountability.js';
import { fileResponse, TAGS, XLSX } from '../../domain/contract.js';
import { idParams } from '../../domain/params.js';
import { todayInChina } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import { closeAccountability } from '../commands/closeAccountability.js';
import { recordAccountability } from '../commands/recordAccountability.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { writeAccountabilityList } from '../exports/accountabilityList.js';
import { createWorkbook } from '../exports/sheet.js';
import { accountabilityPrefixes, can } from '../policies/index.js';
import { boardRows, presentAction } from '../presenters/accountability.js';
import { actionCounts, actionsNaming, findActionView, listActions, problemGroups, problemWorkshops, townNames, townSupervisors } from '../repositories/accountability.js';
import { currentCampaign, type CampaignRecord } from '../repositories/campaigns.js';
import { findCampaignTown } from '../repositories/orgUnits.js';

const tags = [TAGS.accountability.name];

/** The items-due day of the campaign, and whether it has passed (pending items then count as overdue). */
function itemsDueOf(campaign: CampaignRecord, today: string): { itemsDue: string | null; overdue: boolean } {
  const itemsDue = campaign.definition.phases.find((p) => p.itemsDue)?.itemsDue ?? null;
  return { itemsDue, overdue: itemsDue !== null && today > itemsDue };
}

function abilitiesOf(actor: Actor, campaign: CampaignRecord) {
  return { interview: can(actor, 'accountability.interview.any', campaign.rootPath), decide: can(actor, 'accountability.decide.any', campaign.rootPath), board: can(actor, 'accountability.board', null) };
}

async function actionDtoOf(ctx: AppContext, actor: Actor, id: number): Promise<AccountabilityDto> {
  const view = await findActionView(ctx.db, id);
  if (!view) throw notFound();
  return presentAction(view, actor);
}

/** Every row of the accountability list for the filters, in the order asked for. */
async function boardRowsOf(ctx: AppContext, campaign: CampaignRecord, q: BoardExportQuery): Promise<BoardRowDto[]> {
  const today = todayInChina();
  const due = itemsDueOf(campaign, today);
  const f = { campaignId: campaign.id, townId: q.town };
  const [groups, supervisors, actions] = [await problemGroups(ctx.db, { ...f, today, itemsOverdue: due.overdue, itemCount: campaign.definition.standardItems.length }), await townSupervisors(ctx.db, f), await actionCounts(ctx.db, f)];
  const towns = await townNames(ctx.db, [...new Set([...groups.map((g) => g.townId), ...supervisors.map((s) => s.town_id)])]);
  let rows = boardRows(groups, supervisors, actions, towns).filter((row) => row.overdue > 0 || row.counts.escalationsOpen > 0 || row.counts.interviews + row.counts.accountabilities > 0);
  if (q.kind) rows = rows.filter((row) => row.kind === q.kind);
  const byName = (a: BoardRowDto, b: BoardRowDto) => a.town.name.localeCompare(b.town.name, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN') || a.kind.localeCompare(b.kind);
  return rows.sort(q.sort === 'name' ? byName : (a, b) => b.overdue - a.overdue || b.counts.escalationsOpen - a.counts.escalationsOpen || byName(a, b));
}

export function accountabilityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const boardOf = (campaign: CampaignRecord, q: BoardExportQuery) => boardRowsOf(ctx, campaign, q);

  r.get('/api/accountability', {
    config: { action: 'accountability.board' },
    schema: { tags, summary: '问责清单：按责任人统计逾期未完成、验收未通过、反弹、逾期督办和部门协办（办公室、监察局）', querystring: boardQuerySchema, response: { 200: boardDto } },
  }, async (request): Promise<BoardDto> => {
    const actor = request.requireActor();
    request.authorize('accountability.board', null);
    const campaign = await currentCampaign(ctx.db);
    const q = request.query;
    const rows = await boardOf(campaign, q);
    const start = (q.page - 1) * q.pageSize;
    return { items: rows.slice(start, start + q.pageSize), total: rows.length, itemsDue: itemsDueOf(campaign, todayInChina()).itemsDue, abilities: abilitiesOf(actor, campaign) };
  });

  r.get('/api/accountability.xlsx', {
    config: { action: 'accountability.board' },
    schema: { tags, summary: '导出问责清单（.xlsx，按当前筛选和排序）', querystring: boardExportQuerySchema, response: { 200: fileResponse(XLSX, '问责清单（.xlsx）') } },
  }, async (request, reply) => {
    request.requireActor();
    request.authorize('accountability.board', null);
    const campaign = await currentCampaign(ctx.db);
    const q = request.query;
    const rows = await boardOf(campaign, q);
    const town = q.town === undefined ? '' : ((await findCampaignTown(ctx.db, campaign.rootPath, q.town))?.name ?? '');
    const filter = [town, q.kind ? responsibleKindLabels[q.kind] : ''].filter(Boolean).join('，');
    const out = new PassThrough();
    const name = `${campaign.definition.orgUnits.name}-问责清单-${todayInChina()}.xlsx`;
    void writeAccountabilityList(createWorkbook(out), campaign.definition.orgUnits.name, rows, filter).catch((e: unknown) => out.destroy(e as Error));
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="qudi-accountability.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'no-store')
      .send(out);
  });

  r.get('/api/accountability/person', {
    config: { action: 'accountability.board' },
    schema: { tags, summary: '一位责任人名下有问题的企业（最多 200 家）和对其的约谈、问责记录', querystring: boardPersonQuerySchema, response: { 200: boardPersonDto } },
  }, async (request): Promise<BoardPersonDto> => {
    const actor = request.requireActor();
    request.authorize('accountability.board', null);
    const campaign = await currentCampaign(ctx.db);
    const q = request.query;
    const town = await findCampaignTown(ctx.db, campaign.rootPath, q.town);
    if (!town) throw notFound('没有这个镇街');
    const today = todayInChina();
    const column = q.kind === 'village_head' || q.kind === 'town_head' || q.kind === 'department_head' ? q.kind : null;
    const { rows, total } = await problemWorkshops(ctx.db, { campaignId: campaign.id, townId: town.id, column, name: q.name, today, itemsOverdue: itemsDueOf(campaign, today).overdue, limit: 200 });
    const actions = await actionsNaming(ctx.db, campaign.id, town.id, q.name);
    const n = (v: number | string | bigint | null) => Number(v ?? 0);
    return {
      kind: q.kind,
      name: q.name,
      town: { id: town.id, name: town.name },
      workshops: rows.map((w) => ({
        id: w.id,
        name: w.name,
        status: w.status,
        villageId: w.village_id,
        villageName: w.village_name,
        itemsOverdue: itemsDueOf(campaign, today).overdue && ['surveyed', 'in_progress', 'rejected', 'recurred'].includes(w.status) ? n(w.pending) : 0,
        escalationsOpen: n(w.open_escalations),
        escalationsOverdue: n(w.late_escalations),
        requestsOverdue: column === 'village_head' || column === 'town_head' ? 0 : n(w.late_requests),
        openEscalationId: w.first_open === null ? null : Number(w.first_open),
      })),
      workshopsTotal: total,
      actions: actions.map((a) => presentAction(a, actor)),
    };
  });

  r.get('/api/accountability/actions', {
    config: { action: 'accountability.list' },
    schema: { tags, summary: '约谈和问责记录（办公室、监察局看全部，镇街主要负责人看本镇街的），最新的在前', querystring: accountabilityQuerySchema, response: { 200: accountabilityListDto } },
  }, async (request): Promise<AccountabilityListDto> => {
    const actor = request.requireActor();
    request.authorize('accountability.list', null);
    const campaign = await currentCampaign(ctx.db);
    const q = request.query;
    const { rows, total } = await listActions(ctx.db, accountabilityPrefixes(actor), { campaignId: campaign.id, townId: q.town, level: q.level, state: q.state, remarkId: q.remark, page: q.page, pageSize: q.pageSize });
    return { items: rows.map((v) => presentAction(v, actor)), total, abilities: abilitiesOf(actor, campaign) };
  });

  r.post('/api/accountability/actions', {
    config: { action: 'accountability.create' },
    schema: { tags, summary: '记录约谈（办公室：日期、约谈人）或问责（监察局、办公室主任：问责方式），可跟进一条督办或上一条记录', body: accountabilityCreateSchema, response: { 201: accountabilityDto } },
  }, async (request, reply): Promise<AccountabilityDto> => {
    const actor = request.requireActor();
    const id = await recordAccountability(ctx, actor, request.body);
    reply.status(201);
    return actionDtoOf(ctx, actor, id);
  });

  r.get('/api/accountability/actions/:id', {
    config: { action: 'accountability.read' },
    schema: { tags, summary: '一条约谈或问责记录', params: idParams, response: { 200: accountabilityDto } },
  }, async (request): Promise<AccountabilityDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const view = await findActionView(ctx.db, request.params.id);
    if (!view || view.campaign_id !== campaign.id) throw notFound();
    request.authorize('accountability.read', { orgPath: view.org_path }, 'accountability.read');
    return presentAction(view, actor);
  });

  r.post('/api/accountability/actions/:id/hold', {
    config: { action: 'accountability.hold', problems: ['stale_version', 'invalid_transition'] },
    schema: { tags, summary: '记录约谈情况（约谈已进行；需带版本号）', params: idParams, body: accountabilityHoldSchema, response: { 200: accountabilityDto } },
  }, async (request): Promise<AccountabilityDto> => {
    const actor = request.requireActor();
    await closeAccountability(ctx, actor, 'hold', { id: request.params.id, ...request.body });
    return actionDtoOf(ctx, actor, request.params.id);
  });

  r.post('/api/accountability/actions/:id/withdraw', {
    config: { action: 'accountability.withdraw', problems: ['stale_version', 'invalid_transition'] },
    schema: { tags, summary: '撤销待进行的约谈或已作出的问责，写明理由（需带版本号）', params: idParams, body: accountabilityWithdrawSchema, response: { 200: accountabilityDto } },
  }, async (request): Promise<AccountabilityDto> => {
    const actor = request.requireActor();
    await closeAccountability(ctx, actor, 'withdraw', { id: request.params.id, ...request.body });
    return actionDtoOf(ctx, actor, request.params.id);
  });
}
