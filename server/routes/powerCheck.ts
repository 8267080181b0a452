// 用电核查 (issue 16 §4): the office uploads a town's power account list (preview), reads it, confirms or
// discards it; the flagged accounts of confirmed lists are reviewed — 确认反弹, 登记为企业, 排除 — by the
// office and the town. Commands: previewPowerImport, decidePowerImport, recurPowerFlag, registerPowerFlag,
// dismissPowerFlag.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listOf } from '../../domain/api.js';
import { TAGS } from '../../domain/contract.js';
import { idParams } from '../../domain/params.js';
import {
  POWER_FLAG_STATES,
  POWER_FLAGS,
  powerAccountDto,
  powerDismissSchema,
  powerFlagListDto,
  powerFlagQuerySchema,
  powerImportDecisionSchema,
  powerImportDto,
  powerImportListQuerySchema,
  powerImportPreviewDto,
  powerImportUploadSchema,
  powerRecurSchema,
  powerRegisterResultDto,
  powerRegisterSchema,
  powerRowsDto,
  powerRowsQuerySchema,
  type PowerAccountDto,
  type PowerFlagListDto,
  type PowerImportDto,
  type PowerImportPreviewDto,
  type PowerRegisterResultDto,
  type PowerRowProblem,
  type PowerRowsDto,
} from '../../domain/powerCheck.js';
import type { Status } from '../../domain/status.js';
import type { Actor } from '../auth/actor.js';
import { decidePowerImport } from '../commands/decidePowerImport.js';
import { dismissPowerFlag } from '../commands/dismissPowerFlag.js';
import { powerFlagSubject, powerImportSubject, readablePowerAccount, readablePowerImport } from '../commands/lib/powerCheck.js';
import { previewPowerImport } from '../commands/previewPowerImport.js';
import { recurPowerFlag } from '../commands/recurPowerFlag.js';
import { registerPowerFlag } from '../commands/registerPowerFlag.js';
import type { AppContext } from '../context.js';
import type { PowerAccountRow, PowerImportRow } from '../db/schema.js';
import { invalid } from '../errors.js';
import { can, enterpriseSubject, powerCheckPrefixes } from '../policies/index.js';
import { presentPowerAccount, presentPowerImport, type PowerAccountFacts } from '../presenters/powerCheck.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { orgUnitNames } from '../repositories/orgUnits.js';
import { countPowerFlags, listPowerFlags, listPowerImports, listPowerRows, powerImportMonths, powerRowProblems, workshopStates } from '../repositories/powerCheck.js';
import { userNames } from '../repositories/users.js';
import { withUploadedFile } from './lib/uploadedFile.js';

/** Upload limit for one account list: a town's few thousand accounts are well under 1 MB. */
const POWER_FILE_LIMIT = 20 * 1024 * 1024;
/** Accounts answered with the preview itself; the rest through GET /api/power-imports/:id/rows. */
const PREVIEW_ROWS = 50;
/** Rows with problems listed in the preview. */
const PREVIEW_PROBLEMS = 200;

async function importDtos(ctx: AppContext, actor: Actor, rows: PowerImportRow[]): Promise<PowerImportDto[]> {
  const [towns, users] = await Promise.all([orgUnitNames(ctx.db, rows.map((r) => r.town_id)), userNames(ctx.db, rows.map((r) => r.created_by))]);
  return rows.map((r) => presentPowerImport(r, { townName: towns.get(r.town_id) ?? '', createdBy: users.get(r.created_by) ?? '' }, actor));
}

async function accountDtos(ctx: AppContext, actor: Actor, rows: PowerAccountRow[]): Promise<PowerAccountDto[]> {
  const [months, towns, workshops, users] = await Promise.all([
    powerImportMonths(ctx.db, rows.map((r) => r.import_id)),
    orgUnitNames(ctx.db, rows.map((r) => r.town_id)),
    workshopStates(ctx.db, rows.flatMap((r) => (r.enterprise_id !== null ? [r.enterprise_id] : []))),
    userNames(ctx.db, rows.map((r) => r.reviewed_by)),
  ]);
  // A matched workshop the user may not read is not named to them.
  const readable = new Map([...workshops].filter(([, w]) => can(actor, 'enterprise.read', enterpriseSubject({ org_path: w.org_path, status: w.status as Status }))));
  const facts: PowerAccountFacts = { months, towns, workshops: readable, users };
  return rows.map((r) => presentPowerAccount(r, facts, actor));
}

async function previewDto(ctx: AppContext, actor: Actor, row: PowerImportRow): Promise<PowerImportPreviewDto> {
  const [[dto], first, problems] = await Promise.all([
    importDtos(ctx, actor, [row]),
    listPowerRows(ctx.db, row.id, { filter: undefined, page: 1, pageSize: PREVIEW_ROWS }),
    powerRowProblems(ctx.db, row.id, PREVIEW_PROBLEMS),
  ]);
  return {
    import: dto,
    problems: problems.flatMap((p) => (JSON.parse(p.problems) as PowerRowProblem[]).map((x) => ({ rowNo: p.row_no, ...x }))),
    rows: await accountDtos(ctx, actor, first.rows),
  };
}

export function powerCheckRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Multipart only for the upload route's scope: everywhere else writes stay JSON-only.
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: POWER_FILE_LIMIT, files: 1, fields: 5, fieldSize: 200, parts: 6 } });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/power-imports', {
      config: { action: 'powerImport.create', multipart: powerImportUploadSchema },
      schema: {
        tags: [TAGS.supervision.name],
        summary: '上传供电所的用电户清单（.xlsx 或 .csv），对照台账并标出异常户，返回预览；确认导入前不进入核查清单',
        consumes: ['multipart/form-data'],
        response: { 201: powerImportPreviewDto },
      },
    }, async (request, reply): Promise<PowerImportPreviewDto> => {
      const actor = request.requireActor();
      const tooLarge = `文件超过 ${POWER_FILE_LIMIT / 1024 / 1024} MB 的上限，请按镇街拆分后分批导入`;
      const refusals = { prefix: 'qudi-power-', notMultipart: '请以 multipart/form-data 上传文件（字段 townId 和 file）', tooLarge, tooManyFiles: '一次只能上传一个文件', tooManyParts: '上传内容有误：只需 townId 和 file 两个字段' };
      return withUploadedFile(request, refusals, async ({ file, filename: fileName, fields }) => {
        const extra = Object.keys(fields).filter((k) => k !== 'townId');
        if (extra.length > 0) throw invalid(`上传内容有误：不认识的字段 ${extra.join('、')}（只需 townId 和 file）`, extra.map((k) => ({ path: k, message: '不认识的字段' })));
        const townId = fields.townId as string | undefined;
        const town = powerImportUploadSchema.shape.townId.safeParse(townId || undefined);
        if (!town.success) throw invalid(townId ? town.error.issues[0].message : '请选择清单所属的镇街', [{ path: 'townId', message: town.error.issues[0].message }]);
        if (fileName === undefined) throw invalid('请选择要上传的用电户清单（.xlsx 或 .csv）', [{ path: 'file', message: '请选择文件' }]);
        const id = await previewPowerImport(ctx, actor, { townId: town.data, fileName, file });
        const campaign = await currentCampaign(ctx.db);
        reply.status(201);
        return previewDto(ctx, actor, await readablePowerImport(ctx.db, actor, campaign.id, id));
      });
    });
  });

  r.get('/api/power-imports', {
    config: { action: 'powerImport.list' },
    schema: { tags: [TAGS.supervision.name], summary: '导入过的用电户清单（按管辖范围），最新的在前', querystring: powerImportListQuerySchema, response: { 200: listOf(powerImportDto, '一页用电户清单及总数') } },
  }, async (request) => {
    const actor = request.requireActor();
    request.authorize('powerImport.list', null);
    const campaign = await currentCampaign(ctx.db);
    const { rows, total } = await listPowerImports(ctx.db, powerCheckPrefixes(actor), { campaignId: campaign.id, page: request.query.page, pageSize: request.query.pageSize });
    return { items: await importDtos(ctx, actor, rows), total };
  });

  r.get('/api/power-imports/:id', {
    config: { action: 'powerImport.read' },
    schema: { tags: [TAGS.supervision.name], summary: '一份用电户清单的预览：找到的列、月份、有问题的行、对上和标出的户数、前 50 户', params: idParams, response: { 200: powerImportPreviewDto } },
  }, async (request): Promise<PowerImportPreviewDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const row = await readablePowerImport(ctx.db, actor, campaign.id, request.params.id);
    request.authorize('powerImport.read', powerImportSubject(row));
    return previewDto(ctx, actor, row);
  });

  r.get('/api/power-imports/:id/rows', {
    config: { action: 'powerImport.read' },
    schema: { tags: [TAGS.supervision.name], summary: '用电户清单的各户（分页，可只看回升、清单外、有问题或对上企业的）', params: idParams, querystring: powerRowsQuerySchema, response: { 200: powerRowsDto } },
  }, async (request): Promise<PowerRowsDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const row = await readablePowerImport(ctx.db, actor, campaign.id, request.params.id);
    request.authorize('powerImport.read', powerImportSubject(row));
    const q = request.query;
    const { rows, total } = await listPowerRows(ctx.db, row.id, { filter: q.flag, page: q.page, pageSize: q.pageSize });
    return { items: await accountDtos(ctx, actor, rows), total, page: q.page, pageSize: q.pageSize };
  });

  for (const event of ['confirm', 'discard'] as const)
    r.post(`/api/power-imports/:id/${event}`, {
      config: { action: `powerImport.${event}`, problems: event === 'confirm' ? ['invalid_transition', 'conflict'] : ['invalid_transition'] },
      schema: {
        tags: [TAGS.supervision.name],
        summary: event === 'confirm' ? '确认导入：清单中标出的异常户进入核查清单（只能一次；同一镇街同一文件已确认导入过的答复 409 conflict）' : '放弃这份清单的预览（不进入核查清单）',
        params: idParams,
        body: powerImportDecisionSchema,
        response: { 200: powerImportDto },
      },
    }, async (request): Promise<PowerImportDto> => {
      const actor = request.requireActor();
      await decidePowerImport(ctx, actor, { id: request.params.id, event });
      const campaign = await currentCampaign(ctx.db);
      const [dto] = await importDtos(ctx, actor, [await readablePowerImport(ctx.db, actor, campaign.id, request.params.id)]);
      return dto;
    });

  r.get('/api/power-flags', {
    config: { action: 'powerFlag.list' },
    schema: { tags: [TAGS.supervision.name], summary: '用电异常户核查清单（已确认导入的清单中标出的；镇街只看本镇街的），最新的在前，附各类各状态的数量', querystring: powerFlagQuerySchema, response: { 200: powerFlagListDto } },
  }, async (request): Promise<PowerFlagListDto> => {
    const actor = request.requireActor();
    request.authorize('powerFlag.list', null);
    const campaign = await currentCampaign(ctx.db);
    const q = request.query;
    const prefixes = powerCheckPrefixes(actor);
    const filter = { campaignId: campaign.id, townId: q.town };
    const [{ rows, total }, counted] = await Promise.all([
      listPowerFlags(ctx.db, prefixes, { ...filter, state: q.state, flag: q.flag, page: q.page, pageSize: q.pageSize }),
      countPowerFlags(ctx.db, prefixes, filter),
    ]);
    const zero = () => Object.fromEntries(POWER_FLAG_STATES.map((s) => [s, 0])) as Record<(typeof POWER_FLAG_STATES)[number], number>;
    const counts = Object.fromEntries(POWER_FLAGS.map((f) => [f, zero()])) as PowerFlagListDto['counts'];
    for (const c of counted) if (c.flag in counts && c.state in counts[c.flag as keyof typeof counts]) counts[c.flag as keyof typeof counts][c.state as keyof ReturnType<typeof zero>] = c.n;
    return { items: await accountDtos(ctx, actor, rows), total, counts };
  });

  const flagDto = async (actor: Actor, id: number): Promise<PowerAccountDto> => {
    const campaign = await currentCampaign(ctx.db);
    const [dto] = await accountDtos(ctx, actor, [await readablePowerAccount(ctx.db, actor, campaign.id, id)]);
    return dto;
  };

  r.get('/api/power-flags/:id', {
    config: { action: 'powerFlag.read' },
    schema: { tags: [TAGS.supervision.name], summary: '一个用电户（异常户）及其核查情况', params: idParams, response: { 200: powerAccountDto } },
  }, async (request): Promise<PowerAccountDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const row = await readablePowerAccount(ctx.db, actor, campaign.id, request.params.id);
    request.authorize('powerFlag.read', powerFlagSubject(row));
    return flagDto(actor, row.id);
  });

  r.post('/api/power-flags/:id/recur', {
    config: { action: 'powerFlag.recur', problems: ['invalid_transition', 'stale_version'] },
    schema: { tags: [TAGS.supervision.name], summary: '确认反弹：对上的已取缔企业标为反弹（重新取缔），原因写明户号和各月用电量，记入企业变更记录', params: idParams, body: powerRecurSchema, response: { 200: powerAccountDto } },
  }, async (request): Promise<PowerAccountDto> => {
    const actor = request.requireActor();
    await recurPowerFlag(ctx, actor, { id: request.params.id, ...request.body });
    return flagDto(actor, request.params.id);
  });

  r.post('/api/power-flags/:id/register', {
    config: { action: 'powerFlag.register', problems: ['invalid_transition', 'stale_version', 'possible_duplicate'] },
    schema: {
      tags: [TAGS.supervision.name],
      summary: '登记为企业：清单外大户登记为台账中的企业（发现途径“用电核查”，户号、台区/线路取自清单；可能重复时答复 409 possible_duplicate）',
      params: idParams,
      body: powerRegisterSchema,
      response: { 201: powerRegisterResultDto },
    },
  }, async (request, reply): Promise<PowerRegisterResultDto> => {
    const actor = request.requireActor();
    const { enterpriseId } = await registerPowerFlag(ctx, actor, { id: request.params.id, ...request.body });
    reply.status(201);
    return { flag: await flagDto(actor, request.params.id), enterpriseId };
  });

  r.post('/api/power-flags/:id/dismiss', {
    config: { action: 'powerFlag.dismiss', problems: ['invalid_transition', 'stale_version'] },
    schema: { tags: [TAGS.supervision.name], summary: '排除：写明理由（如热泵、灌溉、已知企业）', params: idParams, body: powerDismissSchema, response: { 200: powerAccountDto } },
  }, async (request): Promise<PowerAccountDto> => {
    const actor = request.requireActor();
    await dismissPowerFlag(ctx, actor, { id: request.params.id, ...request.body });
    return flagDto(actor, request.params.id);
  });
}
