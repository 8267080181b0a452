// 改头换面: the shut sites a workshop may be (scored, with their reasons, found by index), and a
// keeper's decision on one. Out of scope answers 404; the sites listed are cut to the reader's scope.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TAGS } from '../../domain/contract.js';
import { idParams } from '../../domain/params.js';
import { sameSiteDecisionSchema, sameSiteParams, sameSiteResultDto, type SameSiteResultDto } from '../../domain/sameSite.js';
import type { Actor } from '../auth/actor.js';
import { decideSameSite } from '../commands/decideSameSite.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { presentSameSites } from '../presenters/sameSite.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { likelySameSites, siteLinksOf, siteRecordOf, sitesByIds } from '../repositories/sameSite.js';

export function sameSiteRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function sameSites(actor: Actor, id: number, authorize: (subject: { orgPath: string; status: string }) => void): Promise<SameSiteResultDto> {
    const campaign = await currentCampaign(ctx.db);
    const workshop = await findEnterprise(ctx.db, id);
    if (!workshop || workshop.campaign_id !== campaign.id) throw notFound();
    authorize({ orgPath: workshop.org_path, status: workshop.status });
    const [likely, links] = await Promise.all([likelySameSites(ctx.db, actor, campaign, siteRecordOf(workshop), workshop.id), siteLinksOf(ctx.db, workshop.id)]);
    const linked = await sitesByIds(ctx.db, actor, campaign, links.map((l) => l.other_id));
    return presentSameSites(workshop, likely, links, linked, actor);
  }

  r.get('/api/enterprises/:id/same-site', {
    config: { action: 'enterprise.sameSite' },
    schema: {
      tags: [TAGS.supervision.name],
      summary: '改头换面：与该企业疑似同一场所的已取缔、已验收或反弹的场所（按地点、名称、电话、经营者、电表户号评分，附依据），及已作出的认定',
      params: idParams,
      response: { 200: sameSiteResultDto },
    },
  }, async (request): Promise<SameSiteResultDto> => {
    const actor = request.requireActor();
    return sameSites(actor, request.params.id, (subject) => request.authorize('enterprise.sameSite', subject, 'enterprise.read'));
  });

  r.put('/api/enterprises/:id/same-site/:siteId', {
    config: { action: 'enterprise.decideSameSite', problems: ['invalid_transition'] },
    schema: {
      tags: [TAGS.supervision.name],
      summary: '确认（confirmed）该企业与某已取缔场所是同一场所，或排除（dismissed，须写明理由）；可改变此前的认定，双方企业的操作记录均载明',
      params: sameSiteParams,
      body: sameSiteDecisionSchema,
      response: { 200: sameSiteResultDto },
    },
  }, async (request): Promise<SameSiteResultDto> => {
    const actor = request.requireActor();
    await decideSameSite(ctx, actor, { id: request.params.id, siteId: request.params.siteId, ...request.body });
    return sameSites(actor, request.params.id, () => undefined);
  });
}
