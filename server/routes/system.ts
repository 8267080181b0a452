// Health, the org tree (and a town adding villages), departments, the current campaign, and the
// audit chain's check.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditVerifyDto, campaignDto, departmentDto, healthDto, orgUnitDto, type CampaignDto, type DepartmentDto, type OrgUnitDto } from '../../domain/api.js';
import { TAGS } from '../../domain/contract.js';
import { z } from '../../domain/zod.js';
import { orgUnitListQuerySchema, villageCreateSchema } from '../../domain/orgUnits.js';
import { breakReason, chainSummary, verifyAuditChain } from '../audit/verify.js';
import { createVillage } from '../commands/createVillage.js';
import type { AppContext } from '../context.js';
import { presentCampaign, presentDepartment, presentOrgUnit } from '../presenters/system.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { listDepartments } from '../repositories/departments.js';
import { databaseAnswers } from '../repositories/health.js';
import { listVisibleOrgUnits } from '../repositories/orgUnits.js';

export function systemRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/health', { config: { public: true }, schema: { tags: [TAGS.system.name], summary: '健康检查（数据库无响应时 503）', response: { 200: healthDto, 503: healthDto } } }, async (_request, reply) => {
    if (await databaseAnswers(ctx.db)) return { status: 'ok' as const, database: ctx.dialect };
    reply.status(503);
    return { status: 'unavailable' as const, database: ctx.dialect };
  });

  r.get('/api/org-units', {
    config: { action: 'orgUnit.list' },
    schema: { tags: [TAGS.organisation.name], summary: '行政区划（镇街、村居），按管辖范围', querystring: orgUnitListQuerySchema, response: { 200: z.array(orgUnitDto) } },
  }, async (request): Promise<OrgUnitDto[]> => {
    const actor = request.requireActor();
    request.authorize('orgUnit.list', null);
    const rows = await listVisibleOrgUnits(ctx.db, actor, { kind: request.query.kind, parentId: request.query.parent });
    return rows.map(presentOrgUnit);
  });

  r.post('/api/org-units', {
    config: { action: 'village.create', problems: ['conflict'] },
    schema: { tags: [TAGS.organisation.name], summary: '镇街新增村居', body: villageCreateSchema, response: { 201: orgUnitDto } },
  }, async (request, reply): Promise<OrgUnitDto> => {
    const unit = await createVillage(ctx, request.requireActor(), request.body);
    reply.status(201);
    return presentOrgUnit(unit);
  });

  r.get('/api/departments', { config: { action: 'department.list' }, schema: { tags: [TAGS.organisation.name], summary: '职能部门及职责', response: { 200: z.array(departmentDto) } } }, async (request): Promise<DepartmentDto[]> => {
    request.authorize('department.list', null);
    return (await listDepartments(ctx.db)).map(presentDepartment);
  });

  r.get('/api/audit/verify', {
    config: { action: 'audit.verify' },
    schema: { tags: [TAGS.system.name], summary: '校验审计哈希链（办公室、管理员）：完整，或第一处断裂', response: { 200: auditVerifyDto } },
  }, async (request) => {
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

  r.get('/api/campaigns/current', { config: { action: 'campaign.read' }, schema: { tags: [TAGS.organisation.name], summary: '当前取缔行动（阶段、取缔标准）', response: { 200: campaignDto } } }, async (request): Promise<CampaignDto> => {
    request.authorize('campaign.read', null);
    return presentCampaign(await currentCampaign(ctx.db));
  });
}
