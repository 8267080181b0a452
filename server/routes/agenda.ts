// 今日待办 (GET /api/agenda): the first thing every home page shows. Which facts are gathered
// follows the actor's abilities; every count is cut to their scope in SQL.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { agendaDto, type AgendaDto } from '../../domain/agenda.js';
import { TAGS } from '../../domain/contract.js';
import { reportPhase } from '../../domain/reports.js';
import { PATROL_DUE_SOON_DAYS } from '../../domain/patrols.js';
import { addDays, todayInChina } from '../../domain/time.js';
import { covers } from '../auth/actor.js';
import { readableTownReports } from '../commands/lib/report.js';
import type { AppContext } from '../context.js';
import { can, cluePrefixes, dutyItemCodes, patrolPrefixes, powerReviewPrefixes, tipPrefixes } from '../policies/index.js';
import { countOpenPowerFlags } from '../repositories/powerCheck.js';
import { presentAgenda, type AgendaFacts } from '../presenters/agenda.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { countOpenClues } from '../repositories/clues.js';
import { itemCountsByTown, statusCountsByTown } from '../repositories/dashboard.js';
import { countEnterprises } from '../repositories/enterprises.js';
import { countPatrolsDue } from '../repositories/patrols.js';
import { countTips } from '../repositories/tips.js';
import { listOpenEscalations } from '../repositories/remarks.js';

export function agendaRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/agenda', {
    config: { action: 'agenda.read' },
    schema: { tags: [TAGS.auth.name], summary: '今日待办：当前用户须办理的事项（逾期、待签字、待完成……），紧急的在前', response: { 200: agendaDto } },
  }, async (request): Promise<AgendaDto> => {
    const actor = request.requireActor();
    request.authorize('agenda.read', null);
    const campaign = await currentCampaign(ctx.db);
    const def = campaign.definition;
    const today = todayInChina();
    // Town staff, village heads and the office keep the register; departments execute the items of their duty.
    const keeper = can(actor, 'enterprise.create.any', null);
    const districtWide = covers(actor, campaign.rootPath);
    const dutyCodes = new Set(dutyItemCodes(actor, def.standardItems));
    const itemPhase = def.phases.find((p) => p.itemsDue);
    // Before the shutdown window every item is pending everywhere: that is not yet anyone's to-do.
    const itemsStarted = itemPhase === undefined || today >= itemPhase.start;
    const itemCodes = itemsStarted ? def.standardItems.map((i) => i.code).filter((c) => keeper || dutyCodes.has(c)) : [];
    const inspector = can(actor, 'enterprise.verdict.any', null);
    // Recurrences (反弹) alert the register's keepers and those who watch the supervision (the liaison departments).
    const watchesRecurrence = keeper || can(actor, 'supervision.page', null);
    const patrolDueBy = addDays(today, PATROL_DUE_SOON_DAYS);

    const phase = can(actor, 'report.read', null) ? reportPhase(def) : undefined;
    const triagesTips = can(actor, 'tip.assign.any', campaign.rootPath);
    const answersTips = can(actor, 'tip.answer.any', null);
    const [towns, statusRows, itemRows, incomplete, openClues, openEscalations, patrols, tips, powerFlags] = await Promise.all([
      phase?.reportDue ? readableTownReports(ctx.db, actor, campaign, phase) : null,
      watchesRecurrence || inspector ? statusCountsByTown(ctx.db, actor, campaign.id, campaign.rootPath) : [],
      itemCodes.length > 0 ? itemCountsByTown(ctx.db, actor, campaign.id, campaign.rootPath) : [],
      // The district's office sees the towns' reports, not each workshop's missing cells.
      keeper && !districtWide ? countEnterprises(ctx.db, actor, { campaignId: campaign.id, rootPath: campaign.rootPath, incomplete: true }) : null,
      can(actor, 'clue.list', null) ? countOpenClues(ctx.db, campaign.id, cluePrefixes(actor)) : null,
      can(actor, 'remark.answer.any', null) ? listOpenEscalations(ctx.db, actor, campaign, { page: 1, pageSize: 1 }).then((l) => l.total) : null,
      // Who patrols sees what is due: the register's keepers in their scope.
      can(actor, 'patrol.create.any', null) ? countPatrolsDue(ctx.db, patrolPrefixes(actor), { campaignId: campaign.id, dueBy: patrolDueBy, today }) : null,
      triagesTips || answersTips ? countTips(ctx.db, tipPrefixes(actor), { campaignId: campaign.id, rootPath: campaign.rootPath, today }) : null,
      can(actor, 'powerFlag.review.any', null) ? countOpenPowerFlags(ctx.db, powerReviewPrefixes(actor), campaign.id) : null,
    ]);
    const statusTotal = (status: string) => statusRows.filter((s) => s.status === status).reduce((n, s) => n + s.n, 0);
    const facts: AgendaFacts = {
      today,
      reports:
        phase?.reportDue && towns
          ? {
              due: phase.reportDue,
              towns: towns.map(({ town, state }) => ({
                townId: town.id,
                townName: town.name,
                state,
                canSubmit: can(actor, 'report.submit', { orgPath: town.path }),
                canSign: can(actor, 'report.sign', { orgPath: town.path }),
              })),
            }
          : null,
      incomplete,
      pendingItems: itemCodes.map((code) => ({ code, n: itemRows.filter((r) => r.item === code && r.state === 'pending').reduce((n, r) => n + r.n, 0) })),
      itemsDue: itemPhase?.itemsDue ?? null,
      statuses: {
        ...(keeper ? { rejected: statusTotal('rejected') } : {}),
        ...(watchesRecurrence ? { recurred: statusTotal('recurred') } : {}),
        ...(inspector ? { shut_down: statusTotal('shut_down') } : {}),
      },
      openClues,
      openEscalations,
      patrols: patrols && { ...patrols, dueBy: patrolDueBy },
      tips: tips && { ...tips, triages: triagesTips },
      powerFlags,
    };
    return presentAgenda(facts);
  });
}
