// 镇街验收结论: the inspection group passes a town — only once every workshop of its published sample
// (the acceptance's, or after 限期整改 the re-inspection's) was checked on site and passed — or fails
// it for the notice's reasons with its findings, or gives a failed town its rectification deadline.
// Each re-checks the workflow table, authorizes, writes at the version read and audits, in one transaction.
import type { VERDICT_REASONS } from '../../domain/enterprise.js';
import { nowIso } from '../../domain/time.js';
import { findTransition } from '../../domain/workflows/workflow.js';
import { TOWN_ACCEPTANCE_WORKFLOW, type TownAcceptanceStatus } from '../../domain/workflows/townAcceptance.js';
import { passProblem } from '../acceptance/verdictRules.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { authorize } from '../policies/index.js';
import { checksOfDraws } from '../repositories/acceptanceChecks.js';
import { drawsOfTowns } from '../repositories/acceptanceDraws.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findTownAcceptance, writeTownAcceptance, type TownAcceptanceChange } from '../repositories/townAcceptances.js';
import { lockOrgUnit } from '../repositories/orgUnits.js';
import { townOfPath } from './lib/town.js';
import { requireTransition, staleVersion } from './lib/transition.js';

export type TownDecision =
  | { event: 'pass'; version: number; findings: string }
  | { event: 'fail'; version: number; reasons: (typeof VERDICT_REASONS)[number][]; findings: string }
  | { event: 'rectify'; version: number; rectifyBy: string; requirements: string };

const VERDICT_CHANGED = '该镇街的验收结论刚被他人更新，请刷新后重试';

export async function decideTownAcceptance(ctx: AppContext, actor: Actor, input: { townId: number } & TownDecision): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  const town = await townOfPath(ctx.db, actor, campaign, input.townId, 'acceptance.read');
  await inTransaction(ctx.db, async (trx) => {
    await lockOrgUnit(trx, town.id);
    const row = await findTownAcceptance(trx, campaign.id, town.id);
    const status = (row?.status ?? 'pending') as TownAcceptanceStatus;
    requireTransition(TOWN_ACCEPTANCE_WORKFLOW, status, input.event);
    authorize(actor, `townAcceptance.${input.event}`, { orgPath: town.path, status });
    if (input.version !== (row?.version ?? 0)) throw staleVersion(VERDICT_CHANGED);
    if (input.event === 'pass') {
      const draws = await drawsOfTowns(trx, campaign.id, [town.id]);
      const problem = passProblem(status, draws, await checksOfDraws(trx, draws.map((d) => d.id)));
      if (problem) throw new AppError('invalid_transition', problem);
    }
    const to = findTransition(TOWN_ACCEPTANCE_WORKFLOW, status, input.event)!.to;
    const at = nowIso();
    let change: TownAcceptanceChange;
    if (input.event === 'pass') change = { status: to, reasons: '[]', findings: input.findings, decided_by: actor.id, decided_at: at };
    else if (input.event === 'fail') change = { status: to, reasons: JSON.stringify(input.reasons), findings: input.findings, decided_by: actor.id, decided_at: at };
    else change = { status: to, rectify_by: input.rectifyBy, requirements: input.requirements };
    const id = await writeTownAcceptance(trx, { campaignId: campaign.id, townId: town.id, orgPath: town.path }, input.version, change);
    if (id === null) throw staleVersion(VERDICT_CHANGED);
    const { version: _version, event: _event, townId: _townId, ...details } = input;
    await writeAudit(trx, { actor, action: `townAcceptance.${input.event}`, entityType: 'town_acceptance', entityId: id, scopePath: town.path, before: { status }, after: { status: to, town: town.name, ...details } });
  });
}
