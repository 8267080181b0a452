// 主要负责人签字: the town's principal signs a submitted version of the acceptance package after checking
// it, naming the hash of the content they checked; a signature after the due day is late (逾期).
import { pastDeadline } from '../../domain/reports.js';
import { nowIso } from '../../domain/time.js';
import type { PackageContent } from '../../domain/acceptancePackage.js';
import { packageHash } from '../acceptance/packageContent.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, conflict } from '../errors.js';
import { authorize } from '../policies/index.js';
import { markPackageSigned } from '../repositories/acceptancePackages.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { readablePackage } from './lib/acceptance.js';

export async function signAcceptancePackage(ctx: AppContext, actor: Actor, input: { id: number; contentSha256: string }): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const { pkg, town } = await readablePackage(trx, actor, campaign, input.id);
    if (pkg.status !== 'submitted') throw new AppError('invalid_transition', pkg.status === 'signed' ? `第 ${pkg.version} 版已签字，不能重复签字` : `第 ${pkg.version} 版已被新版本取代，请签署最新版本`);
    authorize(actor, 'acceptancePackage.sign', { orgPath: town.path });
    if (input.contentSha256 !== pkg.content_sha256) throw conflict('您确认的内容与报送版本不一致，请刷新后重新核对再签字');
    if (packageHash(JSON.parse(pkg.content) as PackageContent) !== pkg.content_sha256) throw new AppError('internal', '验收材料内容校验失败，请联系管理员');
    const at = nowIso();
    const late = pastDeadline(pkg.due_date, new Date(at));
    if (!(await markPackageSigned(trx, pkg.id, { by: actor.id, at, late }))) throw conflict('该版本刚被签字或取代，请刷新');
    await writeAudit(trx, { actor, action: 'acceptancePackage.sign', entityType: 'acceptance_package', entityId: pkg.id, scopePath: town.path, before: { status: 'submitted' }, after: { status: 'signed', town: town.name, version: pkg.version, sha256: pkg.content_sha256, late } });
  });
}
