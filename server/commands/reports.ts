// Town reports (报送): a submission freezes the town's task table as a new version; the town's
// principal (town_head) signs a submitted version after a deliberate confirm step.
import type { Phase } from '../../domain/campaign.js';
import type { AppContext } from '../context.js';
import type { TownReportRow } from '../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../errors.js';
import { covers, type Actor } from '../auth/actor.js';
import { writeAudit } from '../repositories/audit.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import { findReport, reportsOfTown } from '../repositories/reports.js';
import { contentHash, taskTableContent, type ReportContent } from '../reports/taskTableContent.js';
import { nowIso, todayInChina } from '../../domain/time.js';
import { townInScope } from './lib/town.js';
import { authorize } from '../policies/index.js';

/** The phase whose deliverable is the signed task table: the one with a report deadline. */
export function reportPhase(campaign: CampaignRecord): Phase {
  const phase = campaign.definition.phases.find((p) => p.reportDue);
  if (!phase) throw notFound('本次行动没有需要报送任务表的阶段');
  return phase;
}

export async function submitReport(ctx: AppContext, actor: Actor, campaign: CampaignRecord, townId: number): Promise<number> {
  const phase = reportPhase(campaign);
  const town = await townInScope(ctx.db, actor, campaign, townId);
  authorize(actor, 'report.submit', { orgPath: town.path });
  return ctx.db.transaction().execute(async (trx) => {
    const content = await taskTableContent(trx, campaign.id, town, phase.code);
    const sha = contentHash(content);
    const versions = await reportsOfTown(trx, campaign.id, town.id, phase.code);
    const live = versions.find((v) => v.status !== 'superseded');
    if (live && live.content_sha256 === sha)
      throw conflict(`任务表自第 ${live.version} 版报送以来没有变化，无需重新报送`);
    if (live?.status === 'submitted')
      await trx.updateTable('town_reports').set({ status: 'superseded' }).where('id', '=', live.id).execute();
    const version = (versions[0]?.version ?? 0) + 1;
    const { id } = await trx
      .insertInto('town_reports')
      .values({
        campaign_id: campaign.id,
        town_id: town.id,
        phase_code: phase.code,
        version,
        status: 'submitted',
        content: JSON.stringify(content),
        content_sha256: sha,
        row_count: content.rows.length,
        due_date: phase.reportDue ?? null,
        submitted_by: actor.id,
        submitted_at: nowIso(),
        signed_by: null,
        signed_at: null,
        late: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, { actor, action: 'report.submit', entityType: 'town_report', entityId: id, scopePath: town.path, after: { town: town.name, version, sha256: sha, rows: content.rows.length } });
    return id;
  });
}

/** Loads a report the actor may read, with its town; 404 otherwise. */
export async function readableReport(ctx: AppContext, actor: Actor, campaign: CampaignRecord, id: number): Promise<{ report: TownReportRow; townPath: string; townName: string }> {
  const report = await findReport(ctx.db, id);
  const town = report ? await findOrgUnit(ctx.db, report.town_id) : undefined;
  if (!report || !town || report.campaign_id !== campaign.id || !covers(actor, town.path)) throw notFound();
  return { report, townPath: town.path, townName: town.name };
}

export async function signReport(
  ctx: AppContext,
  actor: Actor,
  campaign: CampaignRecord,
  id: number,
  confirmedSha256: string,
): Promise<void> {
  const { townPath, townName } = await readableReport(ctx, actor, campaign, id);
  await ctx.db.transaction().execute(async (trx) => {
    const report = (await trx.selectFrom('town_reports').selectAll().where('id', '=', id).executeTakeFirst())!;
    if (report.status !== 'submitted')
      throw new AppError('invalid_transition', report.status === 'signed' ? `第 ${report.version} 版已签字，不能重复签字` : `第 ${report.version} 版已被新版本取代，请签署最新版本`);
    authorize(actor, 'report.sign', { orgPath: townPath });
    if (confirmedSha256 !== report.content_sha256)
      throw conflict('您确认的内容与报送版本不一致，请刷新后重新核对再签字');
    // The frozen content must still be what was hashed at submission.
    if (contentHash(JSON.parse(report.content) as ReportContent) !== report.content_sha256)
      throw new AppError('internal', '报送内容校验失败，请联系管理员');
    const at = nowIso();
    const late = report.due_date !== null && todayInChina(new Date(at)) > report.due_date;
    await trx.updateTable('town_reports').set({ status: 'signed', signed_by: actor.id, signed_at: at, late: late ? 1 : 0 }).where('id', '=', id).execute();
    await writeAudit(trx, { actor, action: 'report.sign', entityType: 'town_report', entityId: id, scopePath: townPath, before: { status: 'submitted' }, after: { status: 'signed', town: townName, version: report.version, sha256: report.content_sha256, late } });
  });
}
