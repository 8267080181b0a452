// 起草通报批评: the office (or the inspection group) drafts the criticism notice of towns that failed
// the acceptance; the first draft is composed from their verdicts and the on-site checks
// (server/acceptance/criticismText.ts), to be edited before it is issued.
import { parseSample } from '../../domain/acceptance.js';
import { todayInChina, nowIso } from '../../domain/time.js';
import { composeCriticism, type FailedTown } from '../acceptance/criticismText.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import type { OrgUnitRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { authorize } from '../policies/index.js';
import { checksOfDraws } from '../repositories/acceptanceChecks.js';
import { drawsOfTowns, sampleWorkshops } from '../repositories/acceptanceDraws.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { insertNotice } from '../repositories/criticismNotices.js';
import { townAcceptances } from '../repositories/townAcceptances.js';
import { townInScope } from './lib/town.js';

export async function draftCriticismNotice(ctx: AppContext, actor: Actor, input: { townIds: number[] }): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  authorize(actor, 'notice.draft', null);
  const towns: OrgUnitRow[] = [];
  for (const id of input.townIds) towns.push(await townInScope(ctx.db, actor, campaign, id));
  return inTransaction(ctx.db, async (trx) => {
    const verdicts = await townAcceptances(trx, campaign.id, towns.map((t) => t.id));
    const notFailed = towns.filter((t) => !['failed', 'rectifying'].includes(verdicts.get(t.id)?.status ?? 'pending'));
    if (notFailed.length > 0) {
      const message = `${notFailed.map((t) => t.name).join('、')}没有被验收不通过，不能通报批评`;
      throw invalid(message, [{ path: 'townIds', message }]);
    }
    const draws = (await drawsOfTowns(trx, campaign.id, towns.map((t) => t.id))).filter((d) => d.round === 'initial' && d.status === 'published');
    const checks = await checksOfDraws(trx, draws.map((d) => d.id));
    const names = await sampleWorkshops(trx, checks.map((c) => c.enterprise_id));
    const failed: FailedTown[] = towns.map((t) => {
      const v = verdicts.get(t.id)!;
      const draw = draws.find((d) => d.town_id === t.id);
      const rejected = draw ? checks.filter((c) => c.draw_id === draw.id && c.verdict === 'rejected') : [];
      return {
        name: t.name,
        reasons: JSON.parse(v.reasons) as string[],
        findings: v.findings,
        rectifyBy: v.rectify_by,
        requirements: v.requirements,
        sampled: draw ? parseSample(draw.sample).length : 0,
        failedSites: rejected.map((c) => ({ name: names.get(c.enterprise_id)?.name ?? '', findings: c.findings })),
      };
    });
    const text = composeCriticism(campaign.definition, failed, todayInChina());
    const id = await insertNotice(trx, {
      campaign_id: campaign.id,
      status: 'draft',
      town_ids: JSON.stringify(towns.map((t) => t.id)),
      issuer_mark: text.issuerMark,
      number_prefix: text.numberPrefix,
      title: text.title,
      addressees: text.addressees,
      body: text.body,
      signature: text.signature,
      dated_on: text.datedOn,
      copy_to: text.copyTo,
      printed_by: text.printedBy,
      printed_on: text.printedOn,
      year: null,
      seq: null,
      number: null,
      document: null,
      document_sha256: null,
      created_by: actor.id,
      created_at: nowIso(),
      issued_by: null,
      issued_at: null,
    });
    await writeAudit(trx, { actor, action: 'notice.draft', entityType: 'criticism_notice', entityId: id, scopePath: campaign.rootPath, after: { towns: towns.map((t) => t.name), title: text.title } });
    return id;
  });
}
