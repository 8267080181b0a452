// 验收材料: a town's package versions with the draft of the next one, submitting a version, the
// principal's signature, and a version's frozen content. Out of scope answers 404.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { packageContentDto, packageDue, packageOverviewDto, packageSignSchema, packageSubmitSchema, type PackageContent, type PackageContentDto, type PackageOverviewDto } from '../../domain/acceptancePackage.js';
import { TAGS } from '../../domain/contract.js';
import { idParams, townParams } from '../../domain/params.js';
import { todayInChina } from '../../domain/time.js';
import { draftReport } from '../acceptance/packageContent.js';
import type { Actor } from '../auth/actor.js';
import { readablePackage } from '../commands/lib/acceptance.js';
import { townOfPath } from '../commands/lib/town.js';
import { signAcceptancePackage } from '../commands/signAcceptancePackage.js';
import { submitAcceptancePackage } from '../commands/submitAcceptancePackage.js';
import type { AppContext } from '../context.js';
import { can } from '../policies/index.js';
import { presentPackage } from '../presenters/acceptancePackage.js';
import { packageFacts, packagesOfTown, shutWorkshopIds } from '../repositories/acceptancePackages.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { userNames } from '../repositories/users.js';

export function acceptancePackageRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function overviewOf(actor: Actor, townId: number, authorize: (orgPath: string) => void): Promise<PackageOverviewDto> {
    const campaign = await currentCampaign(ctx.db);
    const town = await townOfPath(ctx.db, actor, campaign, townId, 'acceptance.read');
    authorize(town.path);
    const versions = await packagesOfTown(ctx.db, campaign.id, town.id);
    const names = await userNames(ctx.db, versions.flatMap((v) => [v.submitted_by, v.signed_by]));
    const shut = await shutWorkshopIds(ctx.db, campaign.id, town.id);
    const latest = versions.find((v) => v.status !== 'superseded') ?? versions[0];
    const report = latest ? (JSON.parse(latest.content) as PackageContent).report : draftReport(campaign.definition, town, await packageFacts(ctx.db, campaign.id, town.id, shut), todayInChina());
    return {
      townId: town.id,
      townName: town.name,
      due: packageDue(campaign.definition),
      versions: versions.map((v) => presentPackage(v, town.path, names, actor)),
      draft: { report, workshopCount: shut.length },
      abilities: { submit: can(actor, 'acceptancePackage.submit', { orgPath: town.path }) },
    };
  }

  r.get('/api/acceptance/towns/:townId/package', {
    config: { action: 'acceptance.read' },
    schema: { tags: [TAGS.acceptance.name], summary: '镇街的验收材料：各报送版本，及报送新版本时的默认内容（书面材料初稿按台账生成）', params: townParams, response: { 200: packageOverviewDto } },
  }, async (request): Promise<PackageOverviewDto> => {
    const actor = request.requireActor();
    return overviewOf(actor, request.params.townId, (orgPath) => request.authorize('acceptance.read', { orgPath }));
  });

  r.post('/api/acceptance/towns/:townId/package', {
    config: { action: 'acceptancePackage.submit', problems: ['conflict'] },
    schema: {
      tags: [TAGS.acceptance.name],
      summary: '报送验收材料：书面材料和影像资料（所选企业的现有照片、视频）冻结为新版本，待主要负责人签字；未签字的旧版本被取代',
      params: townParams,
      body: packageSubmitSchema,
      response: { 201: packageOverviewDto },
    },
  }, async (request, reply): Promise<PackageOverviewDto> => {
    const actor = request.requireActor();
    await submitAcceptancePackage(ctx, actor, { townId: request.params.townId, ...request.body });
    reply.status(201);
    return overviewOf(actor, request.params.townId, () => undefined);
  });

  r.post('/api/acceptance/packages/:id/sign', {
    config: { action: 'acceptancePackage.sign', problems: ['invalid_transition', 'conflict'] },
    schema: { tags: [TAGS.acceptance.name], summary: '镇街主要负责人核对后签署验收材料（回传所核对内容的校验值）', params: idParams, body: packageSignSchema, response: { 200: packageOverviewDto } },
  }, async (request): Promise<PackageOverviewDto> => {
    const actor = request.requireActor();
    await signAcceptancePackage(ctx, actor, { id: request.params.id, contentSha256: request.body.contentSha256 });
    const { town } = await readablePackage(ctx.db, actor, await currentCampaign(ctx.db), request.params.id);
    return overviewOf(actor, town.id, () => undefined);
  });

  r.get('/api/acceptance/packages/:id/content', {
    config: { action: 'acceptance.read' },
    schema: { tags: [TAGS.acceptance.name], summary: '验收材料一个版本的冻结内容（书面材料、统计、企业名单、联合执法、案件数、影像资料清单及 SHA-256）', params: idParams, response: { 200: packageContentDto } },
  }, async (request): Promise<PackageContentDto> => {
    const actor = request.requireActor();
    const { pkg } = await readablePackage(ctx.db, actor, await currentCampaign(ctx.db), request.params.id);
    return { id: pkg.id, version: pkg.version, contentSha256: pkg.content_sha256, content: JSON.parse(pkg.content) as PackageContent };
  });
}
