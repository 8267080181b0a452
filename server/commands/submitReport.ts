// 报送任务表: the town's task table (附件2) as it stands is frozen as a new version, to be signed
// by the town's principal; an unsigned earlier version is superseded by it.
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { conflict } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { insertReport, reportsOfTown, supersedeReport } from '../repositories/reports.js';
import { currentTaskTable, requireReportPhase } from './lib/report.js';
import { townInScope } from './lib/town.js';

/** `at`: when it was submitted (now, except for the demo's back-dated history). */
export async function submitReport(ctx: AppContext, actor: Actor, input: { townId: number }, at: string = nowIso()): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const phase = requireReportPhase(campaign);
  const town = await townInScope(ctx.db, actor, campaign, input.townId);
  authorize(actor, 'report.submit', { orgPath: town.path });
  return inTransaction(ctx.db, async (trx) => {
    const { content, sha256 } = await currentTaskTable(trx, campaign.id, town, phase.code);
    const versions = await reportsOfTown(trx, campaign.id, town.id, phase.code);
    const live = versions.find((v) => v.status !== 'superseded');
    if (live && live.content_sha256 === sha256) throw conflict(`任务表自第 ${live.version} 版报送以来没有变化，无需重新报送`);
    if (live?.status === 'submitted') await supersedeReport(trx, live.id);
    const version = (versions[0]?.version ?? 0) + 1;
    const id = await insertReport(trx, {
      campaign_id: campaign.id,
      town_id: town.id,
      phase_code: phase.code,
      version,
      status: 'submitted',
      content: JSON.stringify(content),
      content_sha256: sha256,
      row_count: content.rows.length,
      due_date: phase.reportDue ?? null,
      submitted_by: actor.id,
      submitted_at: at,
      signed_by: null,
      signed_at: null,
      late: 0,
    });
    await writeAudit(trx, { actor, action: 'report.submit', entityType: 'town_report', entityId: id, scopePath: town.path, after: { town: town.name, version, sha256, rows: content.rows.length } });
    return id;
  });
}
