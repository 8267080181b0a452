// Loading a town report and the town's current task table, shared by the report commands and routes.
import type { Phase } from '../../../domain/campaign.js';
import { reportPhase } from '../../../domain/reports.js';
import type { Actor } from '../../auth/actor.js';
import type { Db, TownReportRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { authorize } from '../../policies/index.js';
import type { CampaignRecord } from '../../repositories/campaigns.js';
import { findOrgUnit } from '../../repositories/orgUnits.js';
import { findReport, taskTableRows } from '../../repositories/reports.js';
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

/** The town's task table as it stands now, and its hash: what a submission would freeze. */
export async function currentTaskTable(db: Db, campaignId: number, town: { id: number; name: string }, phase: string): Promise<{ content: ReportContent; sha256: string }> {
  const content = taskTableContent(await taskTableRows(db, campaignId, town.id), town, phase);
  return { content, sha256: contentHash(content) };
}
