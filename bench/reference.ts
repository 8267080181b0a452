// The reference for the list endpoint: a bare Fastify instance that runs the very same
// listEnterprises query as GET /api/enterprises, for a fixed actor loaded once — no session lookup,
// no validation, no presenter. Whatever the app costs beyond this is the app's own overhead.
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.js';
import { currentCampaign } from '../server/repositories/campaigns.js';
import { listEnterprises } from '../server/repositories/enterprises.js';
import { findUserByUsername, loadActor } from '../server/repositories/users.js';
import { OFFICE_USER, REF_LIST_PATH } from './lib.js';

export async function buildReference(ctx: AppContext): Promise<FastifyInstance> {
  const campaign = await currentCampaign(ctx.db);
  const user = await findUserByUsername(ctx.db, OFFICE_USER);
  if (!user) throw new Error(`user ${OFFICE_USER} missing`);
  const actor = await loadActor(ctx.db, user, campaign);
  const ref = Fastify({ logger: false });
  ref.get(REF_LIST_PATH, async (request) => {
    const q = request.query as Record<string, string | undefined>;
    const { rows, total } = await listEnterprises(
      ctx.db,
      actor,
      { campaignId: campaign.id, rootPath: campaign.rootPath, townId: q.town ? Number(q.town) : undefined, status: q.status || undefined },
      { page: q.page ? Number(q.page) : 1, pageSize: 20, sort: 'id', order: 'desc' },
    );
    return { items: rows, total };
  });
  return ref;
}
