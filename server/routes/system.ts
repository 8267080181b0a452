import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { CampaignDto, DepartmentDto, OrgUnitDto } from '../../domain/api.js';
import { currentPhase } from '../../domain/campaign.js';
import { villageCreateSchema } from '../../domain/enterprise.js';
import { ORG_UNIT_KINDS } from '../../domain/status.js';
import { z } from '../../domain/zod.js';
import type { AppContext } from '../context.js';
import { conflict, invalid } from '../errors.js';
import { covers } from '../auth/actor.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findChildByName, findOrgUnit, insertOrgUnit, listVisibleOrgUnits } from '../repositories/orgUnits.js';
import { todayInChina } from '../../domain/time.js';
import { breakReason, chainSummary, verifyAuditChain } from '../audit/verify.js';

const presentUnit = (u: { id: number; parent_id: number | null; kind: string; name: string; path: string }): OrgUnitDto => ({
  id: u.id,
  parentId: u.parent_id,
  kind: u.kind as OrgUnitDto['kind'],
  name: u.name,
  path: u.path,
});

export function systemRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/health', { config: { public: true }, schema: { tags: ['system'], summary: '健康检查' } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok', database: ctx.dialect };
    } catch {
      reply.status(503);
      return { status: 'unavailable', database: ctx.dialect };
    }
  });

  r.get('/api/org-units', {
    config: { action: 'orgUnit.list' },
    schema: {
      tags: ['org-units'],
      summary: '行政区划（镇街、村居），按管辖范围',
      querystring: z.strictObject({ kind: z.enum(ORG_UNIT_KINDS, { error: '类型应为 town 或 village 等' }).optional(), parent: z.coerce.number().int().positive().optional() }),
    },
  }, async (request): Promise<OrgUnitDto[]> => {
    const actor = request.requireActor();
    request.authorize('orgUnit.list', null);
    const rows = await listVisibleOrgUnits(ctx.db, actor, { kind: request.query.kind, parentId: request.query.parent });
    return rows.map(presentUnit);
  });

  r.post('/api/org-units', {
    config: { action: 'village.create' },
    schema: { tags: ['org-units'], summary: '镇街新增村居', body: villageCreateSchema },
  }, async (request, reply): Promise<OrgUnitDto> => {
    const actor = request.requireActor();
    const town = await findOrgUnit(ctx.db, request.body.townId);
    if (!town || town.kind !== 'town' || !covers(actor, town.path))
      throw invalid('镇街不存在或不在您的管辖范围内', [{ path: 'townId', message: '镇街不存在或不在您的管辖范围内' }]);
    request.authorize('village.create', { orgPath: town.path });
    const unit = await ctx.db.transaction().execute(async (trx) => {
      if (await findChildByName(trx, town.id, request.body.name))
        throw conflict(`${town.name}已有名为“${request.body.name}”的村居`, [{ path: 'name', message: '该村居已存在' }]);
      const created = await insertOrgUnit(trx, town, 'village', request.body.name);
      await writeAudit(trx, { actor, action: 'orgUnit.create', entityType: 'org_unit', entityId: created.id, scopePath: created.path, after: { name: created.name, parent: town.name } });
      return created;
    });
    reply.status(201);
    return presentUnit(unit);
  });

  r.get('/api/departments', { config: { action: 'department.list' }, schema: { tags: ['departments'], summary: '职能部门及职责' } }, async (request): Promise<DepartmentDto[]> => {
    request.requireActor();
    request.authorize('department.list', null);
    const rows = await ctx.db.selectFrom('departments').selectAll().orderBy('sort').execute();
    return rows.map((d) => ({ id: d.id, code: d.code, name: d.name, duties: JSON.parse(d.duties) as string[] }));
  });

  r.get('/api/audit/verify', {
    config: { action: 'audit.verify' },
    schema: { tags: ['system'], summary: '校验审计哈希链（办公室、管理员）：完整，或第一处断裂' },
  }, async (request) => {
    request.requireActor();
    request.authorize('audit.verify', null);
    const report = await verifyAuditChain(ctx.db);
    return {
      ok: report.ok,
      message: chainSummary(report),
      count: report.count,
      head: report.head,
      break: report.break && { ...report.break, reason: breakReason(report.break).zh },
    };
  });

  r.get('/api/campaigns/current', { config: { action: 'campaign.read' }, schema: { tags: ['campaigns'], summary: '当前取缔行动（阶段、取缔标准）' } }, async (request): Promise<CampaignDto> => {
    request.requireActor();
    request.authorize('campaign.read', null);
    const c = await currentCampaign(ctx.db);
    const d = c.definition;
    const today = todayInChina();
    const phase = currentPhase(d.phases, today);
    const daysLeft = phase?.end ? Math.round((Date.parse(phase.end) - Date.parse(today)) / 86_400_000) : null;
    return {
      id: c.id,
      code: c.code,
      documentNumber: d.documentNumber,
      title: d.title,
      issuer: d.issuer,
      phases: d.phases,
      standardItems: d.standardItems,
      workshopKinds: d.workshopKinds,
      standardSummary: d.standardSummary,
      districtName: d.orgUnits.name,
      currentPhase: phase ? { code: phase.code, name: phase.name, daysLeft } : null,
    };
  });
}
