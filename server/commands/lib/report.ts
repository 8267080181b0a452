// Loading a town report and the town's current task table, shared by the report commands and routes.
import type { Phase } from '../../../domain/campaign.js';
import { reportPhase, reportState } from '../../../domain/reports.js';
import type { Actor } from '../../auth/actor.js';
import type { Db, OrgUnitRow, TownReportRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { authorize, can } from '../../policies/index.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { findOrgUnit, listVisibleOrgUnits } from '../../repositories/orgUnits.js';
import { findReport, latestReports, taskTableRows } from '../../repositories/reports.js';
import { contentHash, taskTableContent, type ReportContent } from '../../reports/taskTableContent.js';

/** The phase whose deliverable is the signed task table; 404 when the campaign has none. */
export function requireReportPhase(campaign: CampaignRecord): Phase {
  const phase = reportPhase(campaign.definition);
  if (!phase) throw notFound('本次行动没有需要报送任务表的阶段');
  return phase;
}

/** A report the actor may read (its town in their scope), with its town; 404 otherwise. */
export async function readableReport(db: Db, actor: Actor, campaign: CampaignRecord, id: number): Promise<{ report: TownReportRow; townPath: string; townName: string }> {
  const report = await findReport(db, id);
  const town = report ? await findOrgUnit(db, report.town_id) : undefined;
  if (!report || !town || report.campaign_id !== campaign.id) throw notFound();
  authorize(actor, 'report.readTown', { orgPath: town.path }, 'report.readTown');
  return { report, townPath: town.path, townName: town.name };
}

/**
 * The towns whose reports the actor reads in `phase` (not the town above a village in their
 * scope), each with its latest live and signed versions, if any, and its report state.
 */
export async function readableTownReports(db: Db, actor: Actor, campaign: CampaignRecord, phase: Phase) {
  const towns = (await listVisibleOrgUnits(db, actor, { kind: 'town' })).filter((t) => t.path.startsWith(campaign.rootPath) && can(actor, 'report.readTown', { orgPath: t.path }));
  const latest = await latestReports(db, campaign.id, phase.code, towns.map((t) => t.id));
  return towns.map((town: OrgUnitRow) => {
    const l = latest.get(town.id);
    return { town, latest: l?.latest, signed: l?.signed ?? null, state: reportState(l?.latest, l?.signed && { late: l.signed.late === 1 }, phase.reportDue ?? null) };
  });
}

/** The town's task table as it stands now, and its hash: what a submission would freeze. */
export async function currentTaskTable(db: Db, campaignId: number, town: { id: number; name: string }, phase: string): Promise<{ content: ReportContent; sha256: string }> {
  const content = taskTableContent(await taskTableRows(db, campaignId, town.id), town, phase);
  return { content, sha256: contentHash(content) };
}
