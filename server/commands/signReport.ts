// 主要负责人签字: the town's principal signs a submitted version after checking it, naming the hash of
// the content they checked; a signature after the deadline is marked late (逾期签字).
import { pastDeadline } from '../../domain/reports.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, conflict } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findReport, markReportSigned } from '../repositories/reports.js';
import { contentHash, type ReportContent } from '../reports/taskTableContent.js';
import { readableReport } from './lib/report.js';

/** `at`: when it was signed (now, except for the demo's back-dated history). */
export async function signReport(ctx: AppContext, actor: Actor, input: { id: number; contentSha256: string }, at: string = nowIso()): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  const { townPath, townName } = await readableReport(ctx.db, actor, campaign, input.id);
  await inTransaction(ctx.db, async (trx) => {
    const report = (await findReport(trx, input.id))!;
    if (report.status !== 'submitted')
      throw new AppError('invalid_transition', report.status === 'signed' ? `第 ${report.version} 版已签字，不能重复签字` : `第 ${report.version} 版已被新版本取代，请签署最新版本`);
    authorize(actor, 'report.sign', { orgPath: townPath });
    if (input.contentSha256 !== report.content_sha256) throw conflict('您确认的内容与报送版本不一致，请刷新后重新核对再签字');
    // The frozen content must still be what was hashed at submission.
    if (contentHash(JSON.parse(report.content) as ReportContent) !== report.content_sha256) throw new AppError('internal', '报送内容校验失败，请联系管理员');
    const late = pastDeadline(report.due_date, new Date(at));
    await markReportSigned(trx, input.id, { by: actor.id, at, late });
    await writeAudit(trx, { actor, action: 'report.sign', entityType: 'town_report', entityId: input.id, scopePath: townPath, before: { status: 'submitted' }, after: { status: 'signed', town: townName, version: report.version, sha256: report.content_sha256, late } });
  });
}
